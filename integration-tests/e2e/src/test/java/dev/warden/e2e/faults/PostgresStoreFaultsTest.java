package dev.warden.e2e.faults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.warden.e2e.SampleProcess;
import dev.warden.testing.postgres.LocalPostgres;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The PostgreSQL audit and approval stores under the packaged banking-assistant ({@code demo,postgres}) while the
 * database is slow (the chain heads locked by another session) and down (the server stopped): a transfer that would
 * run, and one that would be parked for approval, are refused — never executed or parked without their record — the
 * response and readiness say why, and the service recovers by itself when the database is back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStoreFaultsTest {
    private static final String SCHEMA = "warden_faults";
    private static final String SMALL = JsonlAuditFaultsTest.TRANSFER;
    private static final String LARGE = "Send 900 EUR to FR1420041010050500013M02606";
    private LocalPostgres pg;
    private SampleProcess app;

    @BeforeAll
    void start() throws Exception {
        Path work = Path.of("target", "e2e-faults", "postgres").toAbsolutePath();
        pg = LocalPostgres.start(work.resolve("cluster"));
        app = new SampleProcess(JsonlAuditFaultsTest.jar(), work.resolve("app"), List.of(
                "-Dquarkus.profile=demo,postgres", "-DWARDEN_DB_HOST=127.0.0.1", "-DWARDEN_DB_PORT=" + pg.port(),
                "-DWARDEN_DB_NAME=" + pg.database(), "-DWARDEN_DB_USER=" + pg.username(),
                "-DWARDEN_DB_PASSWORD=" + pg.password(),
                "-DWARDEN_AUDIT_HEAD_KEY=ZmF1bHRzLW9ubHktaGVhZC1rZXktMzItYnl0ZXMtbG9uZw==",
                "-Dwarden.postgres.schema=" + SCHEMA, "-Dwarden.audit.postgres.append-timeout=2s",
                "-Dwarden.postgres.approvals.timeout=2s", "-Dwarden.health.details=true",
                // the default jar does not carry the shared inventory; per process is asked for explicitly (0053)
                "-Dwarden.inventory.store=memory"));
    }

    /**
     * The default banking jar leaves the shared inventory (Hibernate) out; its {@code postgres} profile asks for it,
     * so that jar refuses to start rather than run a kill switch that stops one replica of several (decision 0053).
     */
    @Test
    void the_default_jar_refuses_the_postgres_profile_that_asks_for_the_shared_inventory() throws Exception {
        SampleProcess.Exit exit = SampleProcess.runToExit(JsonlAuditFaultsTest.jar(),
                Path.of("target", "e2e-faults", "postgres-no-shared-inventory").toAbsolutePath(),
                List.of("-Dquarkus.profile=demo,postgres", "-DWARDEN_DB_HOST=127.0.0.1",
                        "-DWARDEN_DB_PORT=" + pg.port(), "-DWARDEN_DB_NAME=" + pg.database(),
                        "-DWARDEN_DB_USER=" + pg.username(), "-DWARDEN_DB_PASSWORD=" + pg.password(),
                        "-DWARDEN_AUDIT_HEAD_KEY=ZmF1bHRzLW9ubHktaGVhZC1rZXktMzItYnl0ZXMtbG9uZw==",
                        "-Dwarden.postgres.schema=warden_faults_refused"), java.time.Duration.ofSeconds(90));
        assertThat(exit.code()).isNotZero();
        assertThat(exit.log()).contains("WARDEN-INV-0621").contains("warden-quarkus-inventory-postgres")
                .contains("warden.inventory.store=memory");
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private Response run(String input) {
        return JsonlAuditFaultsTest.run(app, "alice", input);
    }

    /** The run was refused for the audit trail; returns its id (null when the API refused it as a whole). */
    private String refusedForAudit(Response r) {
        String body = r.asString();
        assertThat(body).as("the response says why").contains("WARDEN-CORE-0009");
        if (r.statusCode() != 200) {
            return null;
        }
        assertThat((String) r.path("status")).isNotIn("COMPLETED", "AWAITING_APPROVAL");
        return r.path("runId");
    }

    private long stored(String where) throws Exception {
        try (Connection c = pg.superuserConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + SCHEMA + ".warden_audit_record WHERE "
                        + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long transfersRun() throws Exception {
        return stored("tool = 'send_money' AND record::jsonb->>'checkpoint' = 'TOOL_RESULT'");
    }

    @Test
    void a_slow_then_stopped_database_refuses_transfers_says_why_and_recovers() throws Exception {
        run(SMALL).then().statusCode(200).body("status", equalTo("COMPLETED"));
        long before = transfersRun();

        // slow: another session holds the chain heads, so no audit transaction can commit within append-timeout
        try (Connection lock = pg.superuserConnection(); Statement s = lock.createStatement()) {
            lock.setAutoCommit(false);
            s.execute("LOCK TABLE " + SCHEMA + ".warden_audit_head IN ACCESS EXCLUSIVE MODE");
            String slowRun = refusedForAudit(run(SMALL));
            refusedForAudit(run(LARGE));
            given().baseUri(app.baseUri()).get("/q/health/ready").then().statusCode(503)
                    .body(containsString("appendError"));
            lock.rollback();
            if (slowRun != null) {
                assertThat(stored("run_id = '" + slowRun + "' AND record::jsonb->>'checkpoint' = 'TOOL_RESULT'"))
                        .as("the refused transfer never ran").isZero();
            }
        }
        assertThat(transfersRun()).isEqualTo(before);
        given().baseUri(app.baseUri()).auth().oauth2(JsonlAuditFaultsTest.token(app, "bob")).get("/v1/approvals")
                .then().statusCode(200).body("size()", equalTo(0)); // nothing parked without its record

        // down: the server is gone
        pg.stopKeepingData();
        try {
            refusedForAudit(run(SMALL));
            refusedForAudit(run(LARGE));
            given().baseUri(app.baseUri()).get("/q/health/ready").then().statusCode(503)
                    .body(containsString("appendError"));
            assertThat(Files.readString(app.log)).contains("audit trail cannot be written");
        } finally {
            pg.resume();
        }
        assertThat(transfersRun()).isEqualTo(before);

        // back: the pool reconnects, the next transfer runs and the chain verifies
        Response again = null;
        for (int i = 0; i < 20; i++) {
            again = run(SMALL);
            if (again.statusCode() == 200 && "COMPLETED".equals(again.path("status"))) {
                break;
            }
            Thread.sleep(500);
        }
        again.then().statusCode(200).body("status", equalTo("COMPLETED"));
        assertThat(transfersRun()).isEqualTo(before + 1);
        given().baseUri(app.baseUri()).auth().oauth2(JsonlAuditFaultsTest.token(app, "olga")).get("/v1/audit/verify")
                .then().statusCode(200).body("valid", equalTo(true));
        // the audit check is up again (Quarkus' own JDBC pool check may still be revalidating its connections)
        given().baseUri(app.baseUri()).get("/q/health/ready").then()
                .body("checks.find { it.name == 'warden-audit' }.status", equalTo("UP"));
    }
}
