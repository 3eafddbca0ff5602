/**
 * The SIP side of the gateway, on the JAIN-SIP reference implementation: transports (UDP, TCP,
 * WebSocket per RFC 7118), registrar with digest authentication, outbound trunk calls with
 * challenge handling, and the B2BUA that ties an agent leg and a customer leg together.
 */
package io.waihu.telephony.sip;
