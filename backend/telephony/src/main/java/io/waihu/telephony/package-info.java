/**
 * The telephony gateway's contract with the rest of Waihu.
 *
 * <p>The gateway is a back-to-back user agent (B2BUA): it registers agents' phones (browser
 * softphones over SIP/WebSocket, desk phones over UDP/TCP), places the two legs of a call
 * (agent first, then the customer through a carrier trunk), bridges and records their media,
 * and reports every step to a {@link io.waihu.telephony.CallListener}. It keeps no business
 * state: the backend turns the reports into events on a Call aggregate, decides who may call
 * whom ({@link io.waihu.telephony.CallAdmission}) and supplies credentials
 * ({@link io.waihu.telephony.SipAccounts}) and trunks ({@link io.waihu.telephony.TrunkSpec}).
 *
 * <p>SIP lives in {@code io.waihu.telephony.sip}, media (RTP relay, WebRTC termination,
 * recording) in {@code io.waihu.telephony.media}.
 */
package io.waihu.telephony;
