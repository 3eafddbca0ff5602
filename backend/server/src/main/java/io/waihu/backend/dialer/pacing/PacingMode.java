package io.waihu.backend.dialer.pacing;

/** How a campaign decides when to dial. */
public enum PacingMode {
    /**
     * The agent asks for the next record, reads it and dials or skips: the pacer never dials by
     * itself ({@link Pacer#callsToPlace()} is always 0); handing out the next record is the
     * dialer's job.
     */
    PREVIEW,
    /** One call per available agent not already covered by a call in flight; never abandons. */
    PROGRESSIVE,
    /**
     * Dials ahead of agents becoming free from the measured answer rate, ring times and handle
     * times, keeping the abandon rate under the campaign's cap; never below what progressive
     * would dial.
     */
    PREDICTIVE
}
