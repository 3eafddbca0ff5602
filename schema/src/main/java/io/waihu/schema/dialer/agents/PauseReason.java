package io.waihu.schema.dialer.agents;

import java.util.List;

/** A reason an agent may pause for: a stable code and a label for people. */
public record PauseReason(String code, String label) {

    /** What a fresh installation offers before an admin changes anything. */
    public static final List<PauseReason> DEFAULTS = List.of(new PauseReason("break", "Break"),
            new PauseReason("lunch", "Lunch"), new PauseReason("training", "Training"),
            new PauseReason("meeting", "Meeting"));
}
