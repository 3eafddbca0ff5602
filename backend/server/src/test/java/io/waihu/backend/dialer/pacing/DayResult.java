package io.waihu.backend.dialer.pacing;

/** What one simulated day measured. */
record DayResult(Scenario scenario, PacingMode mode, long seed, long dialed, long liveAnswered, long abandoned,
                 double busyAgentSeconds, double loggedInAgentSeconds, int maxRinging) {

    /** Abandoned over live-answered calls, the regulators' ratio. */
    double abandonRate() {
        return liveAnswered == 0 ? 0 : (double) abandoned / liveAnswered;
    }

    /** Talk plus wrap-up over logged-in time. */
    double occupancy() {
        return busyAgentSeconds / loggedInAgentSeconds;
    }

    double agentHours() {
        return loggedInAgentSeconds / 3600;
    }

    double dialsPerAgentHour() {
        return dialed / agentHours();
    }

    double connectsPerAgentHour() {
        return (liveAnswered - abandoned) / agentHours();
    }
}
