/** Carrier trunks and the SIP credentials of phones. */
package io.waihu.backend.api.telephony;
