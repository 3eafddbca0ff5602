package io.waihu.backend.it.support;

/** What {@code mySipCredentials} answers: the softphone's SIP account and where to register. */
public record SipCredentials(String username, String password, String realm, String wsUri) {
}
