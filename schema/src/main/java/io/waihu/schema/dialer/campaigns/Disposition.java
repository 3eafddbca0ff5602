package io.waihu.schema.dialer.campaigns;

/**
 * A result an agent gives a connected call at wrap-up. {@code code} is stable (reports count by
 * it), {@code label} is what agents see. {@code finalResult}: the contact is done with (not
 * dialed again); {@code success}: counts as a success in progress; {@code callBack}: the agent
 * schedules a callback; {@code doNotCall}: the number goes on the campaign's do-not-call list.
 */
public record Disposition(String code, String label, boolean finalResult, boolean success, boolean callBack,
        boolean doNotCall) {
}
