import io.waihu.bench.ProcStat;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The PostgreSQL floor of one command: the statements a {@code createCustomer} needs, sent by
 * plain JDBC from N clients in a closed loop straight to the server's embedded PostgreSQL, with no
 * Waihu code in between (no HTTP, GraphQL, Axon, encryption or Hibernate). Whatever CPU
 * PostgreSQL spends per command here, it spends at least that much under the real server.
 * Run by sql-floor.sh, which starts the packaged server for its schema and settings and then
 * freezes it (SIGSTOP) so that only this client talks to the database.
 *
 * <p>Three levels, each measured on its own:
 * <ul>
 * <li>{@code append}: the event store's append alone, one transaction per command (Axon's
 *     {@code INSERT INTO DomainEventEntry}, a payload and metadata the size of a real
 *     {@code CustomerCreatedEvent}'s).</li>
 * <li>{@code write}: the write side of a create: the duplicate-phone read, then one
 *     transaction with the data-key statement and the append.</li>
 * <li>{@code create}: {@code write} plus the read-model rows of a create (customer row, phone,
 *     name grams, tags, history), written the way the projection batches them (see
 *     {@link Projector}); each client waits for its rows as a mutation does. The real projection
 *     also reads the event, loads rows and stores its token; that is left out here.</li>
 * <li>{@code grouped}: {@code create}, but each client sends the write side of {@value #GROUP}
 *     commands in one transaction (appends as one JDBC batch): what a server that group-commits
 *     commands would need, the lowest cost per command of this statement set.</li>
 * </ul>
 * Statement texts are the ones {@code pg_stat_statements} showed for the real server.
 */
public final class SqlFloor {

    /** The customer processor's segments, and its batch size (waihu.axon.segments, AxonSetup). */
    private static final int PROJECTORS = 2;
    private static final int READ_BATCH = 100;
    /** Commands per write transaction at level {@code grouped}. */
    private static final int GROUP = 16;

    private static final String APPEND = "INSERT INTO DomainEventEntry (eventIdentifier, aggregateIdentifier, "
            + "sequenceNumber, type, timeStamp, payloadType, payloadRevision, payload, metaData) "
            + "VALUES (?,?,?,?,?,?,?,?,?)";
    private static final String DUPLICATES = "SELECT DISTINCT p.customer_id FROM customer_phone p "
            + "WHERE p.phone IN (?) AND p.customer_id <> ? "
            + "AND (SELECT c.status FROM customer_view c WHERE c.id = p.customer_id) = 'ACTIVE'";
    private static final String DATA_KEY = "WITH made AS (INSERT INTO data_subject_key(subject_id, wrapped_key, "
            + "created_at) SELECT ?, ?, now() WHERE NOT EXISTS (SELECT 1 FROM erased_subject WHERE subject_id = ?) "
            + "ON CONFLICT (subject_id) DO NOTHING RETURNING wrapped_key) SELECT wrapped_key, true FROM made "
            + "UNION ALL SELECT wrapped_key, false FROM data_subject_key WHERE subject_id = ?";
    private static final String ROW = "insert into customer_view (company,created_at,custom_fields,email,name,"
            + "name_lower,owner_id,phones,status,tags,updated_at,version,id) values (?,?,?,?,?,?,?,?,?,?,?,?,?)";
    private static final String PHONE = "INSERT INTO customer_phone (customer_id, phone) VALUES (?, ?) "
            + "ON CONFLICT DO NOTHING";
    private static final String GRAMS = "INSERT INTO customer_name_gram (gram, name_lower, customer_id) "
            + "SELECT g.gram, ?, ? FROM (SELECT DISTINCT substr(?, i, 3) FROM generate_series(1, char_length(?) - 2) i) "
            + "g(gram) ON CONFLICT DO NOTHING";
    private static final String TAGS = "INSERT INTO customer_tag (tag, name_lower, customer_id) SELECT DISTINCT t, ?, ? "
            + "FROM unnest(string_to_array(?, '|')) t WHERE t <> '' ON CONFLICT DO NOTHING";
    private static final String HISTORY = "INSERT INTO customer_history (event_id, customer_id, aggregate_id, "
            + "sequence_number, occurred_at, event_type, actor_id, summary) VALUES (?,?,?,?,?,?,?,?) "
            + "ON CONFLICT DO NOTHING";

    private static final AtomicLong NEXT = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args[2];
        long postgresPid = Long.parseLong(args[3]);
        int clients = Integer.parseInt(args[4]);
        int warmSeconds = Integer.parseInt(args[5]);
        int measureSeconds = Integer.parseInt(args[6]);
        for (String level : args[7].split(",")) {
            run(level, url, user, password, postgresPid, clients, warmSeconds, measureSeconds);
        }
        System.exit(0);
    }

    private static void run(String level, String url, String user, String password, long postgresPid, int clients,
            int warmSeconds, int measureSeconds) throws Exception {
        AtomicLong commands = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        java.util.concurrent.BlockingQueue<Created> projection = new java.util.concurrent.LinkedBlockingQueue<>();
        List<Thread> projectors = new ArrayList<>();
        if (level.equals("create") || level.equals("grouped")) {
            for (int i = 0; i < PROJECTORS; i++) {
                Thread projector = new Thread(new Projector(DriverManager.getConnection(url, user, password),
                        projection, stop), "projector-" + i);
                projector.start();
                projectors.add(projector);
            }
        }
        for (int i = 0; i < clients; i++) {
            running.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(url, user, password)) {
                    Client client = new Client(c);
                    while (!stop.get()) {
                        commands.addAndGet(switch (level) {
                            case "append" -> client.append();
                            case "write" -> client.write();
                            case "create" -> client.create(projection);
                            case "grouped" -> client.create(projection, GROUP);
                            default -> throw new IllegalArgumentException("level " + level);
                        });
                    }
                }
                return null;
            }));
        }
        Thread.sleep(warmSeconds * 1000L);
        long n0 = commands.get();
        long pg0 = ProcStat.postgresTicks(postgresPid);
        long me0 = ProcStat.ownTicks();
        long t0 = System.nanoTime();
        Thread.sleep(measureSeconds * 1000L);
        long n1 = commands.get();
        long pg1 = ProcStat.postgresTicks(postgresPid);
        long me1 = ProcStat.ownTicks();
        double seconds = (System.nanoTime() - t0) / 1e9;
        stop.set(true);
        for (var future : running) {
            future.get(); // a failed client fails the run
        }
        pool.shutdown();
        for (Thread projector : projectors) {
            projector.join();
        }
        long n = n1 - n0;
        double hz = 100.0; // USER_HZ
        System.out.printf("%-7s %d clients: %6.0f commands/s   PostgreSQL CPU/command %.3f ms (%.2f cores)   "
                        + "client CPU/command %.3f ms%n", level, clients, n / seconds, (pg1 - pg0) / hz * 1000 / n,
                (pg1 - pg0) / hz / seconds, (me1 - me0) / hz * 1000 / n);
    }

    /** One client connection with its prepared statements (server-side prepared after pgjdbc's 5th use). */
    private static final class Client {
        private final Connection c;
        private final PreparedStatement append;
        private final PreparedStatement duplicates;
        private final PreparedStatement dataKey;
        private final byte[] payload = new byte[437];
        private final byte[] metaData = new byte[172];
        private final byte[] wrappedKey = new byte[60];

        Client(Connection c) throws SQLException {
            this.c = c;
            append = c.prepareStatement(APPEND);
            duplicates = c.prepareStatement(DUPLICATES);
            dataKey = c.prepareStatement(DATA_KEY);
            ThreadLocalRandom.current().nextBytes(payload);
            ThreadLocalRandom.current().nextBytes(metaData);
            ThreadLocalRandom.current().nextBytes(wrappedKey);
        }

        int append() throws SQLException {
            c.setAutoCommit(true);
            bindAppend(UUID.randomUUID().toString());
            append.executeUpdate();
            return 1;
        }

        int write() throws SQLException {
            writeSide(UUID.randomUUID().toString(), "+86" + Customers.phone(NEXT.incrementAndGet()));
            return 1;
        }

        /** One create, its own transaction; returns 1 (commands done). */
        int create(java.util.concurrent.BlockingQueue<Created> projection) throws Exception {
            return create(projection, 1);
        }

        /** {@code group} creates whose write side shares one transaction; returns {@code group}. */
        int create(java.util.concurrent.BlockingQueue<Created> projection, int group) throws Exception {
            List<String> ids = new ArrayList<>();
            List<String> numbers = new ArrayList<>();
            for (int i = 0; i < group; i++) {
                ids.add(UUID.randomUUID().toString());
                numbers.add("+86" + Customers.phone(NEXT.incrementAndGet()));
            }
            writeSide(ids, numbers);
            List<Created> created = new ArrayList<>();
            for (int i = 0; i < group; i++) {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                // names and tags drawn as Customers.java seeds them (few common surnames, a dozen
                // cities): the same index hot spots as the real benchmark, no more
                String name = Customers.randomName(r).toLowerCase(java.util.Locale.ROOT);
                String tagList = "|" + String.join("|", Customers.randomTags(r)) + "|";
                Created one = new Created(ids.get(i), numbers.get(i), name, tagList,
                        new java.util.concurrent.CompletableFuture<>());
                projection.put(one);
                created.add(one);
            }
            for (Created one : created) {
                one.done().get(); // read-your-writes, as the mutation waits for its row
            }
            return group;
        }

        private void writeSide(String id, String number) throws SQLException {
            writeSide(List.of(id), List.of(number));
        }

        /** Several commands' write side in one transaction, the appends as one JDBC batch (group commit). */
        private void writeSide(List<String> ids, List<String> numbers) throws SQLException {
            c.setAutoCommit(true);
            for (String number : numbers) {
                duplicates.setString(1, number);
                duplicates.setString(2, "");
                try (ResultSet rs = duplicates.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                    }
                }
            }
            c.setAutoCommit(false);
            for (String id : ids) {
                dataKey.setString(1, id);
                dataKey.setBytes(2, wrappedKey);
                dataKey.setString(3, id);
                dataKey.setString(4, id);
                try (ResultSet rs = dataKey.executeQuery()) {
                    while (rs.next()) {
                        rs.getBytes(1);
                    }
                }
            }
            for (String id : ids) {
                bindAppend(id);
                append.addBatch();
            }
            append.executeBatch();
            c.commit();
        }

        private void bindAppend(String aggregateId) throws SQLException {
            append.setString(1, UUID.randomUUID().toString());
            append.setString(2, aggregateId);
            append.setLong(3, 0);
            append.setString(4, "Customer");
            append.setString(5, Instant.now().toString());
            append.setString(6, "io.waihu.schema.crm.CustomerCreatedEvent");
            append.setString(7, null);
            append.setBytes(8, payload);
            append.setBytes(9, metaData);
        }
    }

    /** What the projection writes for one create; {@code done} completes once its transaction committed. */
    private record Created(String id, String number, String name, String tags,
            java.util.concurrent.CompletableFuture<Void> done) {
    }

    /**
     * The read side as the server runs it: {@value #PROJECTORS} writers (the processor's segments)
     * take up to {@value #READ_BATCH} commands at a time and write their rows in one transaction,
     * each statement as one JDBC batch.
     */
    private static final class Projector implements Runnable {
        private final Connection c;
        private final java.util.concurrent.BlockingQueue<Created> queue;
        private final AtomicBoolean stop;
        private final PreparedStatement row;
        private final PreparedStatement phone;
        private final PreparedStatement grams;
        private final PreparedStatement tags;
        private final PreparedStatement history;

        Projector(Connection c, java.util.concurrent.BlockingQueue<Created> queue, AtomicBoolean stop)
                throws SQLException {
            this.c = c;
            this.queue = queue;
            this.stop = stop;
            row = c.prepareStatement(ROW);
            phone = c.prepareStatement(PHONE);
            grams = c.prepareStatement(GRAMS);
            tags = c.prepareStatement(TAGS);
            history = c.prepareStatement(HISTORY);
            c.setAutoCommit(false);
        }

        @Override
        public void run() {
            List<Created> batch = new ArrayList<>();
            try (c) {
                while (!stop.get() || !queue.isEmpty()) {
                    Created first = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, READ_BATCH - 1);
                    for (Created created : batch) {
                        bind(created);
                    }
                    row.executeBatch();
                    phone.executeBatch();
                    grams.executeBatch();
                    tags.executeBatch();
                    history.executeBatch();
                    c.commit();
                    batch.forEach(created -> created.done().complete(null));
                    batch.clear();
                }
            } catch (Exception e) {
                batch.forEach(created -> created.done().completeExceptionally(e));
                queue.forEach(created -> created.done().completeExceptionally(e));
                throw new IllegalStateException("projector failed", e);
            }
        }

        private void bind(Created created) throws SQLException {
            Timestamp now = Timestamp.from(Instant.now());
            row.setString(1, "Floor Co");
            row.setTimestamp(2, now);
            row.setString(3, "{\"source\":\"floor\"}");
            row.setString(4, null);
            row.setString(5, created.name());
            row.setString(6, created.name());
            row.setString(7, "owner-1");
            row.setString(8, "|" + created.number() + "|");
            row.setString(9, "ACTIVE");
            row.setString(10, created.tags());
            row.setTimestamp(11, now);
            row.setLong(12, 0);
            row.setString(13, created.id());
            row.addBatch();
            phone.setString(1, created.id());
            phone.setString(2, created.number());
            phone.addBatch();
            grams.setString(1, created.name());
            grams.setString(2, created.id());
            grams.setString(3, created.name());
            grams.setString(4, created.name());
            grams.addBatch();
            tags.setString(1, created.name());
            tags.setString(2, created.id());
            tags.setString(3, created.tags());
            tags.addBatch();
            history.setString(1, UUID.randomUUID().toString());
            history.setString(2, created.id());
            history.setString(3, created.id());
            history.setLong(4, 0);
            history.setTimestamp(5, now);
            history.setString(6, "CustomerCreatedEvent");
            history.setString(7, "owner-1");
            history.setString(8, "created " + created.name());
            history.addBatch();
        }
    }
}
