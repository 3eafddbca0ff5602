package io.waihu.schema.dialer.campaigns;

/** After an attempt ended with {@code outcome}, the number may be dialed again {@code delayMinutes} later. */
public record RetryRule(RetryOutcome outcome, int delayMinutes) {
}
