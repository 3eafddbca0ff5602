package io.waihu.backend.it.support;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the softphone page shows, as {@code window.waihuPhone.state} reports it.
 *
 * @param login             logged-out, logging-in, logged-in or failed
 * @param username          the logged-in user's name, null before login
 * @param registration      unregistered, registering, registered or failed
 * @param registrationStage why registration failed: credentials (no SIP account from GraphQL),
 *                          transport (no WebSocket to the SIP server) or register (refused); null otherwise
 * @param registrationError the page's explanation of that failure
 * @param call              idle, ringing, connecting, in-call or ended
 * @param direction         outgoing, incoming or click-to-dial
 * @param callId            Waihu's call id (from the dial mutation or the X-Call-Id header)
 * @param autoAnswered      the incoming call asked to be answered at once (Call-Info answer-after=0)
 * @param muted             the microphone is off
 * @param held              the call is on hold (the peer accepted the re-INVITE)
 * @param endReason         why the last call ended
 * @param dtmfSent          the DTMF digits sent during this call
 * @param lastError         the last error the page reported, as "stage: message"
 * @param json              the whole state
 */
public record PhoneState(String login, String username, String registration, String registrationStage,
        String registrationError, String call, String direction, String callId, boolean autoAnswered,
        boolean muted, boolean held, String endReason, String dtmfSent, String lastError, JsonNode json) {

    static PhoneState of(JsonNode json) {
        JsonNode error = json.path("lastError");
        return new PhoneState(
                text(json.path("login")),
                text(json.path("user").path("username")),
                text(json.path("registration")),
                text(json.path("registrationError").path("stage")),
                text(json.path("registrationError").path("message")),
                text(json.path("call")),
                text(json.path("direction")),
                text(json.path("callId")),
                json.path("autoAnswered").asBoolean(),
                json.path("muted").asBoolean(),
                json.path("held").asBoolean(),
                text(json.path("endReason")),
                text(json.path("dtmfSent")),
                error.isObject() ? text(error.path("stage")) + ": " + text(error.path("message")) : null,
                json);
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
