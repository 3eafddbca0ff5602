package io.waihu.backend.dialer.pacing;

/**
 * A campaign's floor at one instant, as the controller needs it: elapsed seconds of every busy
 * agent and of every call still ringing.
 *
 * @param ready    agents free now
 * @param talking  seconds each talking agent has talked
 * @param wrapping seconds each agent in wrap-up has wrapped
 * @param ringing  seconds each call in flight has rung
 * @param waiting  answered calls waiting for an agent
 */
record Floor(int ready, double[] talking, double[] wrapping, double[] ringing, int waiting) {
}
