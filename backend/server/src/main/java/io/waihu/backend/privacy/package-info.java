/**
 * Personal data in events: encrypted per data subject (crypto-shredding), so that erasing
 * a customer destroys one key while the event history stays whole and replayable.
 */
package io.waihu.backend.privacy;
