package dev.warden.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.warden.testing.postgres.LocalPostgres;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Production shape: two replicas of the packaged banking-assistant share one real PostgreSQL (audit and approvals,
 * profile {@code demo,postgres}). A transfer suspended on one replica is approved concurrently through both — it runs
 * exactly once; the trail is one hash chain in the database; a replica started later continues it; a row edited
 * behind Warden's back is reported by {@code /v1/audit/verify} with its sequence number; the agent inventory is shared
 * too (the sample packaged with {@code warden-quarkus-inventory-postgres}, decision 0053), and a kill switch flipped
 * through one replica stops the agent on the other within 2 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresReplicasE2ETest {
    private static final String SCHEMA = "warden_e2e";
    private LocalPostgres pg;
    private final List<SampleProcess> replicas = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        Path work = Path.of("target", "e2e-postgres");
        pg = LocalPostgres.start(work.resolve("cluster").toAbsolutePath()); // its own fresh cluster
        replicas.add(replica(work.resolve("a")));
        replicas.add(replica(work.resolve("b")));
    }

    private SampleProcess replica(Path dir) throws Exception {
        Path jar = SampleProcess.sharedInventoryBankingJar(); // the default jar refuses a shared inventory (0621)
        return new SampleProcess(jar, dir, List.of("-Dquarkus.profile=demo,postgres",
                "-DWARDEN_DB_HOST=127.0.0.1", "-DWARDEN_DB_PORT=" + pg.port(), "-DWARDEN_DB_NAME=" + pg.database(),
                "-DWARDEN_DB_USER=" + pg.username(), "-DWARDEN_DB_PASSWORD=" + pg.password(),
                "-DWARDEN_AUDIT_HEAD_KEY=ZTJlLW9ubHktaGVhZC1rZXktMzItYnl0ZXMtbG9uZyE=",
                "-Dwarden.postgres.schema=" + SCHEMA,
                // one demo key pair for all replicas, so a token minted by one verifies at the others
                "-Dwarden.dev-tokens.key-directory=" + dir.getParent().resolve("dev-keys").toAbsolutePath()));
    }

    @AfterAll
    void stop() throws Exception {
        for (SampleProcess p : replicas) {
            p.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private RequestSpecification at(int replica) {
        return given().baseUri(replicas.get(replica).baseUri());
    }

    private String token(String user) {
        return at(0).get("/v1/dev/tokens/" + user).then().statusCode(200).extract().path("token");
    }

    @Test
    void replicas_share_approvals_exactly_once_and_one_verifiable_chain() throws Exception {
        at(0).get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("warden-audit"));
        String approval = at(0).auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body("{\"input\":\"Send 900 EUR to FR1420041010050500013M02606\"}")
                .post("/v1/agents/banking-assistant/runs").then().statusCode(200)
                .body("status", equalTo("AWAITING_APPROVAL")).extract().path("approvalId");
        at(1).auth().oauth2(token("bob")).get("/v1/approvals").then().statusCode(200)
                .body("approvalId", hasItem(approval)); // the other replica sees it: the store is shared

        String bob = token("bob");
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Response>> racers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int replica = i;
            racers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return at(replica).auth().oauth2(bob).contentType(ContentType.JSON).body("{\"approve\":true}")
                        .post("/v1/approvals/" + approval + "/decision");
            }));
        }
        go.countDown();
        List<Integer> statuses = racers.stream().map(CompletableFuture::join).map(Response::statusCode).toList();
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);

        assertThat(count("tool = 'send_money' AND record::jsonb->>'checkpoint' = 'TOOL_RESULT'")).as("the transfer ran once")
                .isEqualTo(1);
        at(1).auth().oauth2(token("olga")).get("/v1/audit?tool=send_money").then().statusCode(200)
                .body("checkpoint", hasItem("TOOL_RESULT"));
        at(1).auth().oauth2(token("olga")).get("/v1/audit/verify").then().log().ifValidationFails().statusCode(200)
                .body("valid", equalTo(true));

        // the injected transfer of the README is refused on PostgreSQL as on the embedded store, and found by query
        at(1).auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body("{\"input\":\"Show me my recent transactions\"}").post("/v1/agents/banking-assistant/runs")
                .then().statusCode(200)
                .body("decisions.findAll { it.tool == 'send_money' }.decision", hasItem("DENY"));
        at(0).auth().oauth2(token("olga")).get("/v1/audit?tool=send_money&decision=DENY").then().statusCode(200)
                .body("args.recipient", hasItem("GB33BUKB20201555555555"));

        // a third replica joining later continues the same chain
        replicas.add(replica(Path.of("target", "e2e-postgres", "c")));
        at(2).auth().oauth2(token("alice")).contentType(ContentType.JSON).body("{\"input\":\"What is my balance?\"}")
                .post("/v1/agents/banking-assistant/runs").then().statusCode(200)
                .body("status", equalTo("COMPLETED"));
        at(0).auth().oauth2(token("olga")).get("/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(true));

        // tampering in the database, behind Warden's back, is found
        long victim = firstSeq("tool = 'send_money' AND record::jsonb->>'checkpoint' = 'TOOL_RESULT'");
        sql("UPDATE " + SCHEMA + ".warden_audit_record SET record = jsonb_set(record::jsonb, '{reason}',"
                + " '\"nothing to see\"')::text WHERE seq = " + victim + " AND tenant = 'default'");
        at(1).auth().oauth2(token("olga")).get("/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(false)).body("firstBrokenSeq", equalTo((int) victim));
    }

    /**
     * The kill switch across processes: the inventory is shared on PostgreSQL ({@code postgres} profile); a suspension
     * made through replica A's REST API is enforced by replica B — a separate JVM — within the stated bound.
     */
    @Test
    void a_kill_switch_flipped_through_one_replica_refuses_the_next_call_on_the_other_within_seconds()
            throws Exception {
        at(1).auth().oauth2(token("olga")).get("/v1/inventory/instances").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.greaterThanOrEqualTo(2))
                .body("service", org.hamcrest.Matchers.everyItem(equalTo("warden-sample-banking-assistant")));
        assertThat(balanceAt(1).path("status").toString()).isEqualTo("COMPLETED");
        String sam = token("sam");
        try {
            at(0).auth().oauth2(sam).contentType(ContentType.JSON)
                    .body("{\"target\":\"agent\",\"id\":\"banking-assistant\",\"reason\":\"e2e: leaking\"}")
                    .post("/v1/inventory/suspensions").then().statusCode(201);
            long suspended = System.nanoTime();
            // a refusal for stale state (WARDEN-INV-0603) is not yet the suspension: keep polling until B names it
            Response refused = awaitAt(1, "DENIED", "WARDEN-INV-0600", suspended);
            long ms = (System.nanoTime() - suspended) / 1_000_000;
            // the measured figure is the product claim (docs/benchmarks.md); awaitAt bounds it at 10 s so that a
            // loaded CI machine does not fail the build on scheduling alone
            System.out.printf("kill switch: replica B refused %d ms after replica A's suspend response%n", ms);
            assertThat(refused.path("code").toString()).isEqualTo("WARDEN-INV-0600");
        } finally {
            at(0).auth().oauth2(sam).queryParam("reason", "e2e: checked")
                    .delete("/v1/inventory/suspensions/agent/banking-assistant");
        }
        long resumed = System.nanoTime();
        awaitAt(1, "COMPLETED", null, resumed);
        System.out.printf("kill switch: replica B served again %d ms after the resume response%n",
                (System.nanoTime() - resumed) / 1_000_000);
    }

    private Response balanceAt(int replica) {
        return at(replica).auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body("{\"input\":\"What is my balance?\"}").post("/v1/agents/banking-assistant/runs");
    }

    /**
     * Polls replica {@code replica} with runs until one ends in {@code status} (and {@code code}, unless null); gives
     * up 10 s after {@code since}.
     */
    private Response awaitAt(int replica, String status, String code, long since) throws InterruptedException {
        while (true) {
            Response r = balanceAt(replica);
            r.then().statusCode(200);
            if (status.equals(r.path("status")) && (code == null || code.equals(r.path("code")))) {
                return r;
            }
            assertThat(System.nanoTime() - since).as("replica " + replica + " never answered " + status)
                    .isLessThan(10_000_000_000L);
            Thread.sleep(20);
        }
    }

    private long count(String where) throws Exception {
        return scalar("SELECT count(*) FROM " + SCHEMA + ".warden_audit_record WHERE " + where);
    }

    private long firstSeq(String where) throws Exception {
        return scalar("SELECT min(seq) FROM " + SCHEMA + ".warden_audit_record WHERE " + where);
    }

    private long scalar(String query) throws Exception {
        try (Connection c = pg.superuserConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = pg.superuserConnection(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(statement)).isEqualTo(1);
        }
    }
}
