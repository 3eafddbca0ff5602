package io.waihu.backend.dialer.policy;

/**
 * Why a number was not dialed, recorded with the skip and counted in campaign progress
 * ("numbers skipped by reason"). Stable names: they are stored and shown. When several hold,
 * the policy reports the first in this order ({@link #NO_COMMON_WINDOW} stands in for the
 * time reason it explains).
 */
public enum SkipReason {
    /** The campaign is paused or stopped: no new attempt starts. */
    CAMPAIGN_NOT_RUNNING,
    /** On the do-not-call list, globally or for this campaign. */
    BLACKLISTED,
    /** The campaign's maximum attempts for this number are used up. */
    CAMPAIGN_LIMIT,
    /** An earlier attempt is still ringing or talking. */
    ATTEMPT_IN_PROGRESS,
    /** The last attempt's outcome is not retried (answered, rejected, or a rule says so). */
    NOT_RETRIED,
    /** Today is a closed weekday or date in (one of) the callee's time zones. */
    CLOSED_DAY,
    /** The local time is outside the calling window in (one of) the callee's time zones. */
    OUTSIDE_WINDOW,
    /**
     * The window is never open in all of the callee's time zones at once within a year: the
     * zones lie further apart than the window is long (a Russian mobile spans Bucharest to
     * Kamchatka, 10 hours, so a 09:00–17:00 window never fits).
     */
    NO_COMMON_WINDOW,
    /** This campaign has used today's attempts for the number (the callee's local day). */
    DAILY_LIMIT,
    /** All campaigns together have used today's attempts for the number. */
    DAILY_LIMIT_ACROSS_CAMPAIGNS,
    /** The retry delay after the last attempt's outcome has not passed. */
    RETRY_NOT_DUE
}
