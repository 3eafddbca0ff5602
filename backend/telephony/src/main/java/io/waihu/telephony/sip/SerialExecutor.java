package io.waihu.telephony.sip;

import io.waihu.telephony.ContextLogger;
import io.waihu.telephony.LogContext;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Runs one call's work one task at a time, in submission order, on a shared pool. SIP events of
 * both legs, timers and API calls for a call all go through its executor, so a call's state needs
 * no locks and events of different calls still run in parallel.
 */
final class SerialExecutor implements Executor {

    private final Executor pool;
    /** Set on the call's own thread, read by whichever pool thread drains next. */
    private volatile ContextLogger log;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    SerialExecutor(Executor pool, LogContext context) {
        this.pool = pool;
        this.log = ContextLogger.of(SerialExecutor.class, context);
    }

    /** The call learned its id: a failing task's line names it. */
    void context(LogContext context) {
        log = log.with(context);
    }

    @Override
    public void execute(Runnable task) {
        synchronized (tasks) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        pool.execute(this::drain);
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (tasks) {
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                log.errorf(e, "call task failed");
            }
        }
    }
}
