package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.waihu.backend.axon.AxonSetup;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The list import benchmark (not a test: surefire runs it only when named, as
 * {@code infra/bench/contacts.sh} does). A generated CSV of {@code waihu.bench.rows} distinct
 * mobile numbers (name, number, city, as a list looks) goes up over HTTP into a fresh campaign;
 * the clock stops when the import is recorded DONE and every processor is at the head — the
 * contacts table, and with customers on every CRM view too. Measured twice: contacts only, and
 * every row creating a CRM customer ({@code waihu.bench.customer-rows}, default a tenth of the
 * rows: the CRM's projections write per event). Then the bulk path's PostgreSQL floor: the
 * statements of one 1,000-row chunk — the keys, the event append, the contacts' two inserts —
 * sent by plain JDBC to copies of the tables, as {@code infra/bench/sql-floor.sh} measures the
 * CRM's. The JVM's heap is the surefire fork's ({@code -DargLine=-Xmx512m} in the script): the
 * whole server runs in it.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class ContactImportBenchmark {

    private static final int ROWS = Integer.getInteger("waihu.bench.rows", 100_000);
    private static final int CUSTOMER_ROWS = Integer.getInteger("waihu.bench.customer-rows", ROWS / 10);
    private static final int FLOOR_CHUNKS = Integer.getInteger("waihu.bench.floor-chunks", 100);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AxonSetup axon;

    @Test
    void listImport() throws Exception {
        GraphQL admin = GraphQL.admin();
        String token = GraphQL.tokenOf("admin", EmbeddedPostgresResource.ADMIN_PASSWORD);
        int postmaster = postmasterPid();
        System.out.printf("== contact import benchmark: %,d rows (%,d with customers), max heap %d MiB, %d cores%n",
                ROWS, CUSTOMER_ROWS, Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        run(admin, token, postmaster, "contacts", ROWS, false, 135);
        if (CUSTOMER_ROWS > 0) {
            run(admin, token, postmaster, "contacts + customers", CUSTOMER_ROWS, true, 136);
        }
        floor(postmaster);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("heap: peak %d MiB of %d MiB%n", peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    private void run(GraphQL admin, String token, int postmaster, String label, int rows, boolean customers,
            int prefix) throws Exception {
        Path file = Files.createTempFile("waihu-contacts-", ".csv");
        try {
            long bytes = write(file, rows, prefix);
            String campaignId = "bench-" + UUID.randomUUID();
            long cpu0 = EventPathBenchmark.processCpuNanos();
            long pg0 = EventPathBenchmark.treeCpuTicks(postmaster);
            long t0 = System.nanoTime();
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + RestAssured.port + "/imports/contacts?campaignId=" + campaignId
                            + "&createCustomers=" + customers))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
            long uploaded = System.nanoTime();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            String importId = response.body().replaceAll(".*\"importId\":\"([^\"]+)\".*", "$1");
            String state;
            long read = 0;
            long lastPrint = System.nanoTime();
            while (true) {
                var result = admin.ok(ContactListImportTest.IMPORT, java.util.Map.of("id", importId));
                state = result.getString("data.contactImport.state");
                read = result.getLong("data.contactImport.rowsRead");
                if (!"RUNNING".equals(state)) {
                    assertThat(state).as(result.getString("data.contactImport.message")).isEqualTo("DONE");
                    assertThat(result.getLong("data.contactImport.accepted")).isEqualTo(rows);
                    break;
                }
                if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                    System.out.printf("  %s: %,d rows read after %.0f s%n", label, read, (System.nanoTime() - t0) / 1e9);
                    lastPrint = System.nanoTime();
                }
                Thread.sleep(200);
            }
            long stored = System.nanoTime();
            long head = headIndex();
            while (axon.processorPositions().values().stream().anyMatch(position -> position < head)) {
                Thread.sleep(20);
            }
            long applied = System.nanoTime();
            double cpuMs = (EventPathBenchmark.processCpuNanos() - cpu0) / 1e6;
            double pgMs = (EventPathBenchmark.treeCpuTicks(postmaster) - pg0) * 1000.0
                    / EventPathBenchmark.CLOCK_TICKS;
            double seconds = (applied - t0) / 1e9;
            System.out.printf("%s: %,d rows (%.1f MB) in %.1f s end to end = %,.0f rows/s (upload %.1f s, stored "
                    + "%.1f s, read models at the head %.1f s); CPU per row: server %.3f ms + PostgreSQL %.3f ms; "
                    + "load average %s%n", label, rows, bytes / 1e6, seconds, rows / seconds, (uploaded - t0) / 1e9,
                    (stored - t0) / 1e9, seconds, cpuMs / rows, pgMs / rows, loadAverage());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** {@code rows} distinct Chinese mobile numbers starting with {@code prefix}, with names and a city. */
    private static long write(Path file, int rows, int prefix) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("姓名,手机号码,城市\n");
            long offset = new SecureRandom().nextInt(1_000_000);
            for (int i = 0; i < rows; i++) {
                out.write("客户" + i + "," + prefix + String.format("%08d", (offset + i) % 100_000_000L) + ",上海\n");
            }
        }
        return Files.size(file);
    }

    /**
     * The database's floor for the bulk path: per 1,000-row chunk, in one transaction, the data
     * keys (one {@code unnest} insert), the events (one JDBC batch, payloads the size the real
     * ones averaged), the contacts and their numbers (one {@code unnest} insert each) and a
     * token update — into unlogged-free copies of the real tables, with their indexes.
     */
    private void floor(int postmaster) throws SQLException, IOException {
        int payloadBytes;
        int metadataBytes;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT coalesce(avg(length(payload)), 600), "
                        + "coalesce(avg(length(metadata)), 200) FROM domainevententry "
                        + "WHERE payloadtype = 'dialer.ContactImported'")) {
            r.next();
            payloadBytes = r.getInt(1);
            metadataBytes = r.getInt(2);
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS floor_events, floor_keys, floor_contact, floor_contact_phone, floor_token");
            s.execute("CREATE TABLE floor_events (LIKE domainevententry INCLUDING INDEXES)");
            s.execute("CREATE TABLE floor_keys (LIKE data_subject_key INCLUDING INDEXES)");
            s.execute("CREATE TABLE floor_contact (LIKE dialer_contact INCLUDING ALL)");
            s.execute("CREATE TABLE floor_contact_phone (LIKE dialer_contact_phone INCLUDING ALL)");
            s.execute("CREATE TABLE floor_token (name varchar(64) PRIMARY KEY, token bigint)");
            s.execute("INSERT INTO floor_token VALUES ('floor', 0)");
        }
        byte[] payload = new byte[payloadBytes];
        byte[] metadata = new byte[metadataBytes];
        java.util.Arrays.fill(payload, (byte) 'x');
        java.util.Arrays.fill(metadata, (byte) 'm');
        SecureRandom random = new SecureRandom();
        long pg0 = EventPathBenchmark.treeCpuTicks(postmaster);
        long cpu0 = EventPathBenchmark.processCpuNanos();
        long t0 = System.nanoTime();
        long index = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (int chunk = 0; chunk < FLOOR_CHUNKS; chunk++) {
                String[] subjects = new String[1000];
                byte[][] keys = new byte[1000][];
                String[] contacts = new String[1000];
                String[] campaign = new String[1000];
                String[] phones = new String[1000];
                String[] names = new String[1000];
                Integer[] priorities = new Integer[1000];
                Long[] lines = new Long[1000];
                Timestamp[] at = new Timestamp[1000];
                for (int i = 0; i < 1000; i++) {
                    contacts[i] = UUID.randomUUID().toString();
                    subjects[i] = "contact:" + contacts[i];
                    keys[i] = new byte[60];
                    random.nextBytes(keys[i]);
                    campaign[i] = "floor";
                    phones[i] = "+86137" + String.format("%08d", chunk * 1000 + i);
                    names[i] = "客户" + i;
                    priorities[i] = 0;
                    lines[i] = (long) i;
                    at[i] = Timestamp.from(Instant.now());
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO floor_keys(subject_id, wrapped_key, "
                        + "created_at) SELECT t.s, t.k, now() FROM unnest(?::varchar[], ?::bytea[]) AS t(s, k) "
                        + "WHERE NOT EXISTS (SELECT 1 FROM erased_subject e WHERE e.subject_id = t.s) "
                        + "ON CONFLICT (subject_id) DO NOTHING RETURNING subject_id")) {
                    s.setArray(1, c.createArrayOf("varchar", subjects));
                    s.setArray(2, c.createArrayOf("bytea", keys));
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            r.getString(1);
                        }
                    }
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO floor_events (globalindex, "
                        + "eventidentifier, aggregateidentifier, sequencenumber, type, timestamp, payloadtype, "
                        + "payloadrevision, payload, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < 1000; i++) {
                        s.setLong(1, index++);
                        s.setString(2, UUID.randomUUID().toString());
                        s.setString(3, contacts[i]);
                        s.setLong(4, 0);
                        s.setString(5, "Contact");
                        s.setString(6, Instant.now().toString());
                        s.setString(7, "dialer.ContactImported");
                        s.setString(8, "1");
                        s.setBytes(9, payload);
                        s.setBytes(10, metadata);
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                c.commit();
                // the projection's transaction: both inserts and the token
                try (PreparedStatement s = c.prepareStatement("INSERT INTO floor_contact (contact_id, campaign_id, "
                        + "import_id, customer_id, phone, name, priority, state, attempts, source_line, version, "
                        + "created_at, updated_at) SELECT c, k, null, null, p, n, pr, 'NEW', 0, l, 0, t, t FROM "
                        + "unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::int[], ?::bigint[], "
                        + "?::timestamptz[]) AS x(c, k, p, n, pr, l, t) ON CONFLICT (contact_id) DO NOTHING")) {
                    s.setArray(1, c.createArrayOf("varchar", contacts));
                    s.setArray(2, c.createArrayOf("varchar", campaign));
                    s.setArray(3, c.createArrayOf("varchar", phones));
                    s.setArray(4, c.createArrayOf("varchar", names));
                    s.setArray(5, c.createArrayOf("int4", priorities));
                    s.setArray(6, c.createArrayOf("int8", lines));
                    s.setArray(7, c.createArrayOf("timestamptz", at));
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO floor_contact_phone (campaign_id, phone, "
                        + "contact_id) SELECT k, p, c FROM unnest(?::varchar[], ?::varchar[], ?::varchar[]) "
                        + "AS x(k, p, c) ON CONFLICT DO NOTHING")) {
                    s.setArray(1, c.createArrayOf("varchar", campaign));
                    s.setArray(2, c.createArrayOf("varchar", phones));
                    s.setArray(3, c.createArrayOf("varchar", contacts));
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE floor_token SET token = ? WHERE name = 'floor'")) {
                    s.setLong(1, index);
                    s.executeUpdate();
                }
                c.commit();
            }
        } finally {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS floor_events, floor_keys, floor_contact, floor_contact_phone, "
                        + "floor_token");
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        int rows = FLOOR_CHUNKS * 1000;
        double pgMs = (EventPathBenchmark.treeCpuTicks(postmaster) - pg0) * 1000.0 / EventPathBenchmark.CLOCK_TICKS;
        double clientMs = (EventPathBenchmark.processCpuNanos() - cpu0) / 1e6;
        System.out.printf("PostgreSQL floor of the bulk path: %,d rows in %.1f s = %,.0f rows/s; PostgreSQL CPU "
                + "%.4f ms per row, client %.4f ms per row (payload %d B, metadata %d B); load average %s%n", rows,
                seconds, rows / seconds, pgMs / rows, clientMs / rows, payloadBytes, metadataBytes, loadAverage());
    }

    private long headIndex() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT coalesce(max(globalindex), -1) FROM domainevententry")) {
            r.next();
            return r.getLong(1);
        }
    }

    private int postmasterPid() throws SQLException, IOException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
            r.next();
            return Integer.parseInt(EventPathBenchmark.stat(r.getInt(1))[3]);
        }
    }

    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }
}
