package com.hellobooks.database;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded server as `./mvnw spring-boot:run` uses it: durable, restartable, and clear when it cannot start. */
class EmbeddedPostgresServerTest {

    /** Shared with the application's default, so the binaries are unpacked once per checkout. */
    private static final Path BINARIES = Path.of(".data/postgres-binaries");

    @TempDir
    Path dataDirectory;

    private EmbeddedPostgresProperties properties() {
        return new EmbeddedPostgresProperties(true, dataDirectory, BINARIES, 0, "hello_books_test");
    }

    @Test
    void runsTheMajorTheBuildShipsWithDurableSettings() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(properties());
                Connection connection = connect(server)) {
            assertThat(query(connection, "SHOW fsync")).isEqualTo("on");
            assertThat(query(connection, "SHOW synchronous_commit")).isEqualTo("on");
            assertThat(query(connection, "SHOW full_page_writes")).isEqualTo("on");
            assertThat(Integer.parseInt(query(connection, "SHOW server_version_num")) / 10_000)
                    .isEqualTo(EmbeddedPostgresServer.POSTGRES_MAJOR);
            assertThat(query(connection, "SELECT current_database()")).isEqualTo("hello_books_test");
        }
    }

    @Test
    void dataSurvivesARestart() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(properties());
                Connection connection = connect(server);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (v text)");
            statement.execute("INSERT INTO kept VALUES ('before restart')");
        }

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(properties());
                Connection connection = connect(server)) {
            assertThat(query(connection, "SELECT v FROM kept")).isEqualTo("before restart");
        }
    }

    /**
     * A JVM killed with SIGKILL leaves its PostgreSQL running; the next start must stop it
     * and find every write that was acknowledged before the kill.
     */
    @Test
    void aJvmKilledWithSigkillLosesNoAcknowledgedWriteAndDoesNotBlockTheNextStart() throws Exception {
        Process child = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                KillableEmbeddedPostgres.class.getName(), dataDirectory.toString(), BINARIES.toString())
                .redirectErrorStream(true)
                .start();
        try {
            List<String> acknowledged = readUntilDone(child);
            assertThat(acknowledged).hasSize(KillableEmbeddedPostgres.ROWS);

            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            long leftoverPid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
            assertThat(ProcessHandle.of(leftoverPid)).as("the killed JVM's postmaster still runs").hasValueSatisfying(
                    process -> assertThat(process.isAlive()).isTrue());

            try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(properties());
                    Connection connection = connect(server)) {
                assertThat(ProcessHandle.of(leftoverPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
                assertThat(query(connection, "SELECT count(*) FROM acknowledged")).isEqualTo(Integer.toString(KillableEmbeddedPostgres.ROWS));
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aServerThatALiveInstanceStillUsesIsNeverStopped() throws Exception {
        try (EmbeddedPostgresServer running = EmbeddedPostgresServer.start(properties());
                Connection connection = connect(running)) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(properties()))
                    .isInstanceOf(EmbeddedPostgresException.class)
                    .hasMessageContaining("is in use by another running instance");
            assertThat(query(connection, "SELECT 1")).isEqualTo("1");
        }
    }

    @Test
    void aDataDirectoryOfAnotherMajorFailsAtOnceSayingWhatToDo() throws Exception {
        Files.writeString(dataDirectory.resolve("PG_VERSION"), "16\n");
        Files.writeString(dataDirectory.resolve("postgresql.conf"), "");

        assertThatThrownBy(() -> EmbeddedPostgresServer.start(properties()))
                .isInstanceOf(EmbeddedPostgresException.class)
                .hasMessageContaining("created by PostgreSQL 16")
                .hasMessageContaining("runs PostgreSQL " + EmbeddedPostgresServer.POSTGRES_MAJOR)
                .satisfies(ex -> assertThat(((EmbeddedPostgresException) ex).action())
                        .contains("pg_dump").contains("delete " + dataDirectory));
    }

    @Test
    void aDataDirectoryInsideTheWorkDirectoryIsRefused() {
        EmbeddedPostgresProperties nested = new EmbeddedPostgresProperties(true, dataDirectory.resolve("work/data"),
                dataDirectory.resolve("work"), 0, "hello_books_test");

        assertThatThrownBy(() -> EmbeddedPostgresServer.start(nested))
                .isInstanceOf(EmbeddedPostgresException.class)
                .hasMessageContaining("lies inside its work directory");
    }

    private static List<String> readUntilDone(Process child) throws Exception {
        BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<List<String>> acknowledged = CompletableFuture.supplyAsync(() -> {
            List<String> lines = new java.util.ArrayList<>();
            try {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    if (line.startsWith(KillableEmbeddedPostgres.ACKNOWLEDGED)) {
                        lines.add(line);
                    } else if (line.equals(KillableEmbeddedPostgres.DONE)) {
                        return lines;
                    }
                }
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
            throw new IllegalStateException("child ended before writing; it said: " + lines);
        });
        return acknowledged.get(120, TimeUnit.SECONDS);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Connection connect(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.USER, "");
    }

    private static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
