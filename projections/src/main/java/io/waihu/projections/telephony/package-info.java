/** Trunks as configured, without their secrets. */
package io.waihu.projections.telephony;
