package io.waihu.backend.axon;

import static org.axonframework.commandhandling.GenericCommandResultMessage.asCommandResultMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.Registration;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jboss.logging.Logger;

/**
 * A command bus that commits the commands waiting at the same moment in one transaction, so
 * PostgreSQL commits (and flushes its log) once per batch instead of once per command — the
 * database's own floor is 0.96 ms per create with one transaction each and 0.68 ms for a whole
 * create with 16 per transaction (docs/architecture.md, "Group commit").
 *
 * <p>Each worker takes the first waiting command (blocking only when there is none) and up to
 * {@code maxBatch - 1} more that are already queued: no command waits for a batch to fill, so
 * latency does not grow at low load. A batch of one runs exactly as Axon's
 * {@code SimpleCommandBus} runs a command. A larger batch runs in one root unit of work that owns
 * the transaction; every command runs in its own nested unit of work with the bus's handler
 * interceptors, so it keeps its own correlation data (the metadata of its events), its own result
 * and its own events. Axon's nested units give the rest:
 * <ul>
 * <li>a command that fails is rolled back alone: its staged events are dropped (they move to the
 * root only when the nested unit commits), its aggregates leave the root's managed set and the
 * aggregate cache, so a later command of the batch loads them again (from the store plus the
 * events its batch-mates staged) instead of seeing the failed command's half-applied state;</li>
 * <li>the aggregates' locks are released when the batch ends, so commands of one aggregate keep
 * their order within a batch (one thread, in queue order) and across batches;</li>
 * <li>all events of the batch are appended in the root's prepare-commit, as one JDBC batch.</li>
 * </ul>
 * Results reach their callbacks only after the commit. When the commit fails (a unique-key
 * conflict with another node, the database gone), no command of the batch is acknowledged: each
 * is run again alone, so one stale aggregate fails (and is retried by its sender) without failing
 * its batch-mates, and the rest are stored once. A command that failed only because it was
 * batched — it could not take an aggregate's lock that another worker's batch holds (Axon's
 * deadlock detection), or another command of the batch created the same aggregate — is also run
 * again alone after the batch, as it would have run without batching.
 */
public final class GroupCommitCommandBus extends SimpleCommandBus {

    private static final Logger LOG = Logger.getLogger(GroupCommitCommandBus.class);

    /** Marks the root unit of work of a batch; see {@link #commandUnit}. */
    private static final String BATCH = GroupCommitCommandBus.class.getName() + ".batch";

    private final TransactionManager transactions;
    private final ExecutorService workers;
    private final int maxBatch;
    private final BlockingQueue<Task<?, ?>> queue = new LinkedBlockingQueue<>();
    private final List<MessageHandlerInterceptor<? super CommandMessage<?>>> interceptors =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private record Task<C, R>(CommandMessage<C> command, MessageHandler<? super CommandMessage<?>> handler,
            CommandCallback<? super C, ? super R> callback) {
    }

    /**
     * @param workers runs {@code workerCount} loops that take batches; owned by the bus from now on
     * @param maxBatch the most commands one transaction commits
     */
    public GroupCommitCommandBus(Builder builder, TransactionManager transactions, ExecutorService workers,
            int workerCount, int maxBatch) {
        super(builder.transactionManager(transactions));
        if (maxBatch < 1 || workerCount < 1) {
            throw new IllegalArgumentException("a batch holds at least one command, and at least one worker takes them");
        }
        this.transactions = transactions;
        this.workers = workers;
        this.maxBatch = maxBatch;
        for (int i = 0; i < workerCount; i++) {
            workers.execute(this::work);
        }
    }

    @Override
    public Registration registerHandlerInterceptor(
            MessageHandlerInterceptor<? super CommandMessage<?>> interceptor) {
        Registration registration = super.registerHandlerInterceptor(interceptor);
        interceptors.add(interceptor);
        return () -> {
            interceptors.remove(interceptor);
            return registration.cancel();
        };
    }

    @Override
    protected <C, R> void handle(CommandMessage<C> command, MessageHandler<? super CommandMessage<?>> handler,
            CommandCallback<? super C, ? super R> callback) {
        queue.add(new Task<>(command, handler, callback));
    }

    /** Stops the workers; commands still queued are not run. */
    public void shutdown() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The unit of work that belongs to one command: the current one's ancestor just below a
     * batch's root, or the root when the command was not batched. What a command did (its
     * versions, its events) is kept there, not on the batch's root, which all its commands share.
     */
    public static UnitOfWork<?> commandUnit(UnitOfWork<?> unitOfWork) {
        UnitOfWork<?> unit = unitOfWork;
        while (unit.parent().isPresent() && !unit.parent().get().resources().containsKey(BATCH)) {
            unit = unit.parent().get();
        }
        return unit;
    }

    private void work() {
        List<Task<?, ?>> batch = new ArrayList<>(maxBatch);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, maxBatch - 1);
            if (batch.size() == 1) {
                runAlone(batch.get(0));
            } else {
                runBatch(batch);
            }
            batch.clear();
        }
    }

    private <C, R> void runAlone(Task<C, R> task) {
        try {
            super.handle(task.command(), task.handler(), task.callback());
        } catch (RuntimeException e) {
            // the callback threw: the command is done, the worker and the batch go on
            LOG.error("a command callback failed", e);
        }
    }

    private void runBatch(List<Task<?, ?>> batch) {
        List<ResultMessage<?>> results = new ArrayList<>(batch.size());
        boolean[] committed = {false};
        UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(null);
        try {
            root.resources().put(BATCH, Boolean.TRUE);
            root.attachTransaction(transactions);
            // reached only once the transaction committed; errors after it do not undo the commit
            root.afterCommit(u -> committed[0] = true);
            for (Task<?, ?> task : batch) {
                results.add(runNested(task));
            }
            root.commit();
        } catch (RuntimeException | Error e) {
            if (root.isActive() && root.phase().isBefore(UnitOfWork.Phase.ROLLBACK)) {
                root.rollback(e);
            }
            if (!committed[0]) {
                // nothing of the batch is stored: each command runs again on its own and answers for itself
                LOG.warnf(e, "a batch of %d commands did not commit; running each alone", batch.size());
            }
        }
        List<Task<?, ?>> again = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            ResultMessage<?> result = results.size() > i ? results.get(i) : null;
            if (!committed[0] || result == null || causedByBatching(result)) {
                again.add(batch.get(i));
            } else {
                deliver(batch.get(i), result);
            }
        }
        again.forEach(this::runAlone);
    }

    private <C> ResultMessage<?> runNested(Task<C, ?> task) {
        UnitOfWork<CommandMessage<?>> unit = DefaultUnitOfWork.startAndGet(task.command());
        DefaultInterceptorChain<CommandMessage<?>> chain =
                new DefaultInterceptorChain<>(unit, interceptors, task.handler());
        return unit.executeWithResult(chain::proceed, RollbackConfigurationType.UNCHECKED_EXCEPTIONS);
    }

    @SuppressWarnings("unchecked")
    private static <C, R> void deliver(Task<C, R> task, ResultMessage<?> result) {
        try {
            task.callback().onResult(task.command(), asCommandResultMessage((ResultMessage<R>) result));
        } catch (RuntimeException e) {
            // one caller's callback must not keep the batch-mates' results from theirs
            LOG.error("a command callback failed", e);
        }
    }

    /**
     * Failures a command meets only because it shares a transaction with others: a lock that
     * another worker's batch holds while it waits for one this batch holds (Axon's lock factory
     * detects the cycle), or an aggregate another command of the batch created.
     */
    private static boolean causedByBatching(ResultMessage<?> result) {
        if (!result.isExceptional()) {
            return false;
        }
        for (Throwable t = result.exceptionResult(); t != null; t = t.getCause()) {
            if (t instanceof LockAcquisitionFailedException) {
                return true;
            }
            if (t instanceof IllegalArgumentException && t.getMessage() != null
                    && t.getMessage().startsWith("The Unit of Work already has an Aggregate")) {
                return true;
            }
        }
        return false;
    }
}
