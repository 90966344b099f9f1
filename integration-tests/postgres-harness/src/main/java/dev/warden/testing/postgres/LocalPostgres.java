package dev.warden.testing.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A throw-away PostgreSQL server for tests, started from the distribution's server binaries (no Docker). The cluster
 * lives under the calling module's {@code target/} and listens on a free loopback port; one database and one
 * password-authenticated user are created for the tests.
 *
 * <p>{@link #shared()} returns one server per JVM, started on first use and stopped by a shutdown hook, so every test
 * class of a module reuses it. Tests that need isolation create their own schema or use distinct tenants.
 *
 * <pre>{@code
 * LocalPostgres pg = LocalPostgres.shared();
 * try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password())) { ... }
 * }</pre>
 *
 * <p>PostgreSQL refuses to run as root; when the JVM runs as root the cluster directory is handed to the
 * {@code postgres} OS user and the server commands run through {@code runuser}. Thread-safe.
 */
public final class LocalPostgres implements AutoCloseable {
    private static final String SUPERUSER = "postgres";
    // Not under warden.*: Quarkus config roots reject unknown keys, and system properties are config too.
    private static final String PUBLISHED = "dev.warden.testing.local-postgres.";
    private static LocalPostgres shared;
    private static IllegalStateException sharedFailure;

    private final PostgresBinaries binaries;
    private final Path baseDir;
    private final Path dataDir;
    private final int port;
    private final String superPassword;
    private final boolean owner;
    private final String database = "warden";
    private final String username = "warden";
    private final String password = "warden-test";
    private boolean running;

    private LocalPostgres(PostgresBinaries binaries, Path baseDir, int port, String superPassword, boolean owner) {
        this.binaries = binaries;
        this.baseDir = baseDir;
        this.dataDir = baseDir.resolve("data");
        this.port = port;
        this.superPassword = superPassword;
        this.owner = owner;
    }

    /**
     * The JVM-wide server, started on first call in {@code target/local-postgres/jvm-<pid>} (one directory per JVM, so
     * concurrent builds of the same module do not share a cluster). Directories of JVMs that are gone are removed.
     * The server is published in system properties, so code loaded by another class loader of the same JVM (a
     * {@code @QuarkusTest} application) attaches to it instead of starting a second one.
     */
    public static LocalPostgres shared() {
        synchronized (System.getProperties()) { // one lock for every class loader of this JVM
            return sharedLocked();
        }
    }

    private static LocalPostgres sharedLocked() {
        if (sharedFailure != null) {
            throw sharedFailure; // one failed start per JVM, not one per test class
        }
        if (shared == null && System.getProperty(PUBLISHED + "port") != null) {
            shared = new LocalPostgres(PostgresBinaries.locate(), Path.of(System.getProperty(PUBLISHED + "dir")),
                    Integer.parseInt(System.getProperty(PUBLISHED + "port")),
                    System.getProperty(PUBLISHED + "secret"), false);
        }
        if (shared == null) {
            Path root = Path.of("target", "local-postgres").toAbsolutePath();
            PostgresFiles.removeAbandonedClusters(root);
            LocalPostgres pg;
            try {
                pg = start(root.resolve("jvm-" + ProcessHandle.current().pid()));
            } catch (IllegalStateException e) {
                sharedFailure = e;
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(pg::close, "local-postgres-stop"));
            System.setProperty(PUBLISHED + "dir", pg.baseDir.toString());
            System.setProperty(PUBLISHED + "port", Integer.toString(pg.port));
            System.setProperty(PUBLISHED + "secret", pg.superPassword);
            shared = pg;
        }
        return shared;
    }

    /**
     * Initialises a fresh cluster in {@code baseDir} (deleting an earlier one) and starts it.
     *
     * @throws IllegalStateException if the server binaries are missing or the server does not start
     */
    public static LocalPostgres start(Path baseDir) {
        PostgresBinaries binaries = PostgresBinaries.locate();
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // a free port can be taken before the server binds it
            LocalPostgres pg = new LocalPostgres(binaries, baseDir, freePort(), UUID.randomUUID().toString(), true);
            try {
                pg.initAndStart();
                return pg;
            } catch (IllegalStateException e) {
                last = e;
                pg.close();
            }
        }
        throw last;
    }

    private void initAndStart() {
        try {
            PostgresFiles.deleteTree(baseDir);
            Files.createDirectories(baseDir);
            Path pwFile = baseDir.resolve("superuser.pw");
            Files.writeString(pwFile, superPassword + "\n", StandardCharsets.UTF_8);
            binaries.handOver(baseDir);
            binaries.run(List.of(binaries.bin("initdb"), "-D", dataDir.toString(), "-U", SUPERUSER, "--pwfile="
                    + pwFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"), baseDir);
            Files.writeString(dataDir.resolve("postgresql.conf"), String.join("\n", "", "port = " + port,
                    "listen_addresses = '127.0.0.1'", "unix_socket_directories = ''", "max_connections = 200",
                    "fsync = on", "synchronous_commit = on", ""), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
            binaries.run(List.of(binaries.bin("pg_ctl"), "-D", dataDir.toString(), "-l",
                    baseDir.resolve("server.log").toString(), "-w", "-t", "60", "start"), baseDir);
            running = true;
            createDatabaseAndUser();
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare PostgreSQL in " + baseDir + ": " + e.getMessage(), e);
        }
    }

    private void createDatabaseAndUser() {
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + username + " LOGIN PASSWORD '" + password + "'");
            s.execute("CREATE DATABASE " + database + " OWNER " + username);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database: " + e.getMessage(), e);
        }
    }

    /** A connection to the test database as the superuser, e.g. to tamper with rows a test user cannot touch. */
    public Connection superuserConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), SUPERUSER, superPassword);
    }

    private Connection adminConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER,
                superPassword);
    }

    /** A connection to the test database as the test user. */
    public Connection connection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), username, password);
    }

    /** A JDBC data source for the test database as the test user (a new connection per {@code getConnection}). */
    public DataSource dataSource() {
        return PgDataSources.of(jdbcUrl(), username, password);
    }

    /**
     * A data source no server answers (loopback port 1), giving up after {@code connectTimeoutSeconds}: for the
     * tests of a store whose database is down.
     */
    public static DataSource unreachableDataSource(int connectTimeoutSeconds) {
        return PgDataSources.of("jdbc:postgresql://127.0.0.1:1/warden?connectTimeout=" + connectTimeoutSeconds,
                "warden", null);
    }

    /**
     * Kills every server backend of the test user (as an operator or a crashed network would), returning how many.
     * Clients see their connections closed mid-statement.
     */
    public int terminateConnections() {
        try (Connection c = adminConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE usename = '" + username + "'")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot terminate connections: " + e.getMessage(), e);
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** URL in the form the Vert.x reactive client (and {@code quarkus.datasource.reactive.url}) takes. */
    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Datasource settings for a Quarkus application under test (plain strings: no Quarkus dependency here). */
    public Map<String, String> quarkusDatasourceProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("quarkus.datasource.db-kind", "postgresql");
        p.put("quarkus.datasource.username", username);
        p.put("quarkus.datasource.password", password);
        p.put("quarkus.datasource.jdbc.url", jdbcUrl());
        p.put("quarkus.datasource.reactive.url", reactiveUrl());
        p.put("quarkus.devservices.enabled", "false");
        return p;
    }

    /**
     * Stops the server but keeps its data ({@code pg_ctl stop -m immediate}: like a crash or a lost database host),
     * so a test can see how clients behave while the database is down; {@link #resume()} starts it again.
     */
    public synchronized void stopKeepingData() {
        binaries.run(List.of(binaries.bin("pg_ctl"), "-D", dataDir.toString(), "-m", "immediate", "-w", "stop"),
                baseDir);
    }

    /** Starts a server stopped with {@link #stopKeepingData()} again, on the same port with the same data. */
    public synchronized void resume() {
        binaries.run(List.of(binaries.bin("pg_ctl"), "-D", dataDir.toString(), "-l",
                baseDir.resolve("server.log").toString(), "-w", "-t", "60", "start"), baseDir);
    }

    /** Stops the server ({@code pg_ctl stop -m fast}) if this instance started it; idempotent. */
    @Override
    public synchronized void close() {
        if (!owner || !running && !Files.exists(dataDir.resolve("postmaster.pid"))) {
            return;
        }
        running = false;
        try {
            binaries.run(List.of(binaries.bin("pg_ctl"), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"),
                    baseDir);
            PostgresFiles.deleteTree(baseDir);
        } catch (IllegalStateException | IOException e) {
            System.err.println("local-postgres: stop failed: " + e.getMessage());
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
