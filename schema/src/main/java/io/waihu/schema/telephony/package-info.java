/** Telephony configuration: carrier trunks. */
package io.waihu.schema.telephony;
