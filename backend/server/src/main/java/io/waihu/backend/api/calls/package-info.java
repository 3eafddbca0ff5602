/** Calls: dialing, hanging up, call records, live media counters and recordings. */
package io.waihu.backend.api.calls;
