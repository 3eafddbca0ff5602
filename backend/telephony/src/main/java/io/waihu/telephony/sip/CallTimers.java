package io.waihu.telephony.sip;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A call's timers: how long the agent's phone may ring (click-to-dial), how long the customer may
 * ring (the call's ring timeout), and how long a finished call still answers stragglers. They fire
 * on the shared scheduler and run on the call's {@link SerialExecutor}, so a timer and a SIP event
 * of the same call never race; a timer that fires after its leg moved on finds nothing to do.
 */
final class CallTimers {

    /** How long a finished call still answers stragglers: Timer B/F/H (64·T1 = 32 s, RFC 3261 §17). */
    static final Duration LINGER = Duration.ofSeconds(32);

    private final ScheduledExecutorService scheduler;
    private final Executor call;
    private ScheduledFuture<?> agentAnswer;
    private ScheduledFuture<?> ring;
    private ScheduledFuture<?> setup;

    CallTimers(ScheduledExecutorService scheduler, Executor call) {
        this.scheduler = scheduler;
        this.call = call;
    }

    void startAgentAnswer(Duration timeout, Runnable onTimeout) {
        agentAnswer = schedule(timeout, onTimeout);
    }

    void stopAgentAnswer() {
        cancel(agentAnswer);
    }

    void startRing(Duration timeout, Runnable onTimeout) {
        ring = schedule(timeout, onTimeout);
    }

    void stopRing() {
        cancel(ring);
    }

    /** One timer of the setup mode's own (customer first: the agent deadline, then the abandon message's end). */
    void startSetup(Duration timeout, Runnable onTimeout) {
        cancel(setup);
        setup = schedule(timeout, onTimeout);
    }

    void stopSetup() {
        cancel(setup);
    }

    void stopAll() {
        stopAgentAnswer();
        stopRing();
        stopSetup();
    }

    /** Runs {@code task} on the call after {@link #LINGER}; at once when the scheduler is shutting down. */
    void afterLinger(Runnable task) {
        try {
            schedule(LINGER, task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    private ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        return scheduler.schedule(() -> call.execute(task), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
