/**
 * Telephony in the backend: trunk configuration (an aggregate) and the wiring of the
 * gateway (module {@code telephony}) to accounts, admission and the call service.
 */
package io.waihu.backend.telephony;
