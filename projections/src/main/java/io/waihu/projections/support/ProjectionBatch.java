package io.waihu.projections.support;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * One reactive transaction for all the read-model writes of an event processor's batch.
 * A tracking processor hands its handlers a batch of events in one unit of work; each
 * handler queues its write here, and when the unit of work prepares to commit (before the
 * processor's token is stored) the writes run in order in one session and one transaction,
 * then each write's follow-up (telling the {@link ChangeFeed}) runs. Before, every event
 * took a transaction of its own and a hop onto a Vert.x context.
 *
 * <p>Order is kept: writes run one after the other in the order the events came, and a row
 * read by a later write of the batch is the one an earlier write changed (the session's
 * first-level cache). If the transaction fails, the processor's unit of work rolls back, the
 * token stays where it was and the processor retries the batch; the writes are idempotent.
 * Outside a unit of work (no processor) a write runs at once in its own transaction.
 *
 * <p>Fewer round trips per batch ({@link Rows}): rows that writes declared they will read
 * ({@link #willRead}) are loaded with one query per entity type before the first write, and
 * append-only rows ({@link Rows#insertLater}) go out as one multi-row {@code INSERT} per
 * table at the end of the batch, or earlier when a write is about to change that table
 * otherwise ({@link Rows#flushInserts}).
 */
public final class ProjectionBatch {

    private static final String KEY = ProjectionBatch.class.getName();

    /**
     * Rows per multi-row insert: PostgreSQL takes at most 65,535 parameters per statement,
     * and a processor batch holds at most a few hundred events.
     */
    private static final int ROWS_PER_INSERT = 500;

    /** What a write sees of its batch besides the session. */
    public interface Rows {

        /**
         * Row {@code id} of {@code type}: the batch's preloaded copy if the write declared it with
         * {@link #willRead} ({@code null} when there is no such row), else from the session.
         */
        <V> Uni<V> find(Class<V> type, Object id);

        /** Tells the batch that the write has just persisted row {@code id}, so later writes find it. */
        void persisted(Class<?> type, Object id, Object row);

        /**
         * Queues one row for {@code INSERT INTO table(columns) VALUES (…) suffix}, sent with the other
         * rows queued for the same table and suffix as one statement. Only for rows no write of the
         * batch reads back; a write that changes the table in another way calls {@link #flushInserts}
         * first.
         */
        void insertLater(String table, List<String> columns, String suffix, List<Object> values);

        /** Sends the rows queued for {@code table} now. */
        Uni<Void> flushInserts(String table);
    }

    private final Mutiny.SessionFactory sessions;
    /** Outside a processor's unit of work: each write runs at once, in its own transaction. */
    private final boolean immediate;
    private final List<Write<?>> writes = new ArrayList<>();
    private final Map<Class<?>, Set<Object>> declaredReads = new LinkedHashMap<>();

    private ProjectionBatch(Mutiny.SessionFactory sessions, boolean immediate) {
        this.sessions = sessions;
        this.immediate = immediate;
    }

    /**
     * Queues {@code work} for the current batch's transaction; {@code then} gets its result
     * after that transaction committed.
     */
    public static <T> void enqueue(Mutiny.SessionFactory sessions, Function<Mutiny.Session, Uni<T>> work,
            Consumer<T> then) {
        enqueue(sessions, (session, rows) -> work.apply(session), then);
    }

    /** As {@link #enqueue(Mutiny.SessionFactory, Function, Consumer)}, for a write that uses the batch's {@link Rows}. */
    public static <T> void enqueue(Mutiny.SessionFactory sessions, BiFunction<Mutiny.Session, Rows, Uni<T>> work,
            Consumer<T> then) {
        current(sessions).add(new Write<>(work, then));
    }

    /**
     * Declares that a write queued in this batch will {@link Rows#find} row {@code id} of
     * {@code type}. Only for rows that no statement of the batch changes behind the session's
     * back (a native {@code UPDATE} of that table would leave the preloaded copy stale).
     */
    public static void willRead(Mutiny.SessionFactory sessions, Class<?> type, Object id) {
        current(sessions).declaredReads.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(id);
    }

    private static ProjectionBatch current(Mutiny.SessionFactory sessions) {
        if (!CurrentUnitOfWork.isStarted()) {
            return new ProjectionBatch(sessions, true);
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        ProjectionBatch batch = unitOfWork.getOrComputeResource(KEY, key -> {
            ProjectionBatch created = new ProjectionBatch(sessions, false);
            unitOfWork.onPrepareCommit(u -> created.flush());
            return created;
        });
        if (batch.sessions != sessions) {
            throw new IllegalStateException("one session factory per batch");
        }
        return batch;
    }

    private void add(Write<?> write) {
        writes.add(write);
        if (immediate) {
            flush();
        }
    }

    /**
     * Runs the writes queued so far in the current unit of work's batch now, in their own
     * transaction, instead of when the unit of work commits: a processor that applies a batch
     * one event at a time (to find the event that fails it) calls this after each event.
     */
    public static void flushNow() {
        ProjectionBatch batch = pending();
        if (batch != null) {
            batch.flush();
        }
    }

    /** Drops the writes queued so far in the current unit of work's batch (their event is not applied). */
    public static void discardPending() {
        ProjectionBatch batch = pending();
        if (batch != null) {
            batch.clear();
        }
    }

    private static ProjectionBatch pending() {
        return CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().root().getResource(KEY) : null;
    }

    private void flush() {
        if (writes.isEmpty()) {
            return;
        }
        try {
            ReactiveBridge.await(() -> sessions.withTransaction(session -> {
                Run run = new Run(session);
                Uni<Void> chain = run.preload(declaredReads);
                for (Write<?> write : writes) {
                    chain = chain.chain(() -> write.run(session, run));
                }
                return chain.chain(run::flushAllInserts);
            }));
            writes.forEach(Write::done);
        } finally {
            // failed: the transaction rolled back, and so does the unit of work, or its caller drops the event
            clear();
        }
    }

    private void clear() {
        writes.clear();
        declaredReads.clear();
    }

    /** The batch's state while its transaction runs: preloaded rows and queued inserts. */
    private static final class Run implements Rows {
        private final Mutiny.Session session;
        private final Map<Class<?>, Map<Object, Object>> preloaded = new HashMap<>();
        private final Map<InsertKey, List<List<Object>>> inserts = new LinkedHashMap<>();

        Run(Mutiny.Session session) {
            this.session = session;
        }

        Uni<Void> preload(Map<Class<?>, Set<Object>> reads) {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Map.Entry<Class<?>, Set<Object>> entry : reads.entrySet()) {
                Class<?> type = entry.getKey();
                Object[] ids = entry.getValue().toArray();
                chain = chain.chain(() -> session.find(type, ids)).invoke(found -> {
                    Map<Object, Object> rows = new HashMap<>();
                    for (int i = 0; i < ids.length; i++) {
                        rows.put(ids[i], found.get(i));
                    }
                    preloaded.put(type, rows);
                }).replaceWithVoid();
            }
            return chain;
        }

        @Override
        public <V> Uni<V> find(Class<V> type, Object id) {
            Map<Object, Object> rows = preloaded.get(type);
            if (rows != null && rows.containsKey(id)) {
                return Uni.createFrom().item(type.cast(rows.get(id)));
            }
            return session.find(type, id);
        }

        @Override
        public void persisted(Class<?> type, Object id, Object row) {
            Map<Object, Object> rows = preloaded.get(type);
            if (rows != null && rows.containsKey(id)) {
                rows.put(id, row);
            }
        }

        @Override
        public void insertLater(String table, List<String> columns, String suffix, List<Object> values) {
            if (values.size() != columns.size()) {
                throw new IllegalArgumentException(columns.size() + " columns, " + values.size() + " values");
            }
            inserts.computeIfAbsent(new InsertKey(table, List.copyOf(columns), suffix), k -> new ArrayList<>())
                    .add(new ArrayList<>(values));
        }

        @Override
        public Uni<Void> flushInserts(String table) {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (InsertKey key : List.copyOf(inserts.keySet())) {
                if (key.table.equals(table)) {
                    List<List<Object>> rows = inserts.remove(key);
                    for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
                        List<List<Object>> part = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
                        chain = chain.chain(() -> insert(key, part));
                    }
                }
            }
            return chain;
        }

        Uni<Void> flushAllInserts() {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String table : inserts.keySet().stream().map(InsertKey::table).distinct().toList()) {
                chain = chain.chain(() -> flushInserts(table));
            }
            return chain;
        }

        private Uni<Void> insert(InsertKey key, List<List<Object>> rows) {
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(key.table).append(" (")
                    .append(String.join(", ", key.columns)).append(") VALUES ");
            List<Object> parameters = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                sql.append(r == 0 ? "(" : ", (");
                for (int c = 0; c < key.columns.size(); c++) {
                    parameters.add(rows.get(r).get(c));
                    sql.append(c == 0 ? "" : ", ").append(":p").append(parameters.size());
                }
                sql.append(")");
            }
            sql.append(key.suffix.isEmpty() ? "" : " " + key.suffix);
            var insert = session.createNativeQuery(sql.toString());
            for (int i = 0; i < parameters.size(); i++) {
                insert.setParameter("p" + (i + 1), parameters.get(i));
            }
            return insert.executeUpdate().replaceWithVoid();
        }
    }

    private record InsertKey(String table, List<String> columns, String suffix) {
        InsertKey {
            Objects.requireNonNull(table);
            Objects.requireNonNull(suffix);
        }
    }

    private static final class Write<T> {
        private final BiFunction<Mutiny.Session, Rows, Uni<T>> work;
        private final Consumer<T> then;
        private T result;

        Write(BiFunction<Mutiny.Session, Rows, Uni<T>> work, Consumer<T> then) {
            this.work = work;
            this.then = then;
        }

        Uni<Void> run(Mutiny.Session session, Rows rows) {
            return work.apply(session, rows).invoke(value -> result = value).replaceWithVoid();
        }

        void done() {
            then.accept(result);
        }
    }
}
