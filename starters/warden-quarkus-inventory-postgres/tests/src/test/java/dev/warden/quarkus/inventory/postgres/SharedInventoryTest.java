package dev.warden.quarkus.inventory.postgres;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.warden.core.Decision;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicySet;
import dev.warden.policy.PolicySource;
import dev.warden.quarkus.inventory.InventoryCodes;
import dev.warden.quarkus.inventory.InventoryModel.Agent;
import dev.warden.quarkus.inventory.InventoryModel.Edge;
import dev.warden.quarkus.inventory.InventoryModel.Instance;
import dev.warden.quarkus.inventory.InventoryModel.PolicyVersion;
import dev.warden.quarkus.inventory.InventoryModel.Registration;
import dev.warden.quarkus.inventory.InventoryModel.Tool;
import dev.warden.quarkus.inventory.InventoryStore;
import dev.warden.quarkus.inventory.runtime.Fingerprints;
import dev.warden.quarkus.inventory.runtime.InventoryRegistrar;
import dev.warden.testing.postgres.LocalPostgres;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One inventory on real PostgreSQL: this Quarkus app is replica {@code counter-a} of counter-svc; {@code counter-b}
 * (counter-svc) and {@code ledger-a} (ledger-svc) are replicas in this JVM sharing the database — two services,
 * three instances.
 */
@QuarkusTest
@QuarkusTestResource(InventoryTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedInventoryTest {
    private static final Logger LOG = Logger.getLogger(SharedInventoryTest.class);
    static SimulatedReplica counterB;
    static SimulatedReplica ledger;

    @Inject
    InventoryStore store;
    @Inject
    InventoryRegistrar registrar;
    @Inject
    Vertx vertx;

    static String token(String user) {
        return given().get("/v1/dev/tokens/" + user).then().statusCode(200).extract().path("token");
    }

    @BeforeAll
    static void clean() throws Exception {
        try (Connection c = LocalPostgres.shared().superuserConnection(); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF to_regclass('warden_inv_suspension') IS NOT NULL THEN "
                    + "DELETE FROM warden_inv_suspension; DELETE FROM warden_inv_undeclared; END IF; END $$");
        }
    }

    @AfterAll
    static void stop() {
        if (counterB != null) {
            counterB.close();
        }
        if (ledger != null) {
            ledger.close();
        }
    }

    private void startReplicas() {
        if (counterB != null) {
            return;
        }
        Registration a = registrar.current();
        Instance i = a.instance();
        counterB = new SimulatedReplica(store, vertx, new Registration(new Instance("counter-b", i.service(),
                i.version(), "host-b", Instant.now(), Instant.now(), i.policyFingerprint(), i.toolFingerprint(),
                i.policyVersions()), a.agents(), a.policies(), a.mcpServers(), a.edges()));
        Agent ledgerAgent = new Agent("bookkeeper", "ledger-svc", "lena", "Posts ledger entries", "3", "default",
                "MEDIUM", List.of("ledger"), List.of(new Tool("post_entry", "Posts an entry", List.of("WRITE"),
                        "MEDIUM", "INTERNAL", "CONFIDENTIAL", "sha256:post", true, null)));
        ledger = new SimulatedReplica(store, vertx, new Registration(new Instance("ledger-a", "ledger-svc", "3",
                "host-l", Instant.now(), Instant.now(), "sha256:ledger-policies", "sha256:ledger-tools",
                Map.of("ledger", "7")), List.of(ledgerAgent), List.of(new PolicyVersion("ledger-svc", "ledger", "7",
                        "sha256:ledger-7", "file:ledger.yaml", Instant.now(), "warden:startup", "ledger-a")),
                List.of(), List.of(new Edge("ledger-svc", "bookkeeper", "auditor", "a2a", List.of("ledger:read"),
                        List.of(), true, Instant.now(), Instant.now()))));
    }

    @Test
    @Order(1)
    void two_services_and_three_instances_form_one_inventory() {
        startReplicas();
        JsonPath agents = given().auth().oauth2(token("olga")).get("/v1/inventory/agents").then().statusCode(200)
                .extract().jsonPath();
        assertThat(agents.getList("id", String.class)).containsExactly("bookkeeper", "clerk", "teller");
        assertThat(agents.getInt("find { it.id == 'teller' }.liveInstances")).isEqualTo(2);
        assertThat(agents.getList("find { it.id == 'bookkeeper' }.services", String.class))
                .containsExactly("ledger-svc");
        JsonPath teller = given().auth().oauth2(token("sam")).get("/v1/inventory/agents/teller").then()
                .statusCode(200).extract().jsonPath();
        assertThat(teller.getList("tools.name", String.class)).containsExactly("balance", "payout");
        assertThat(teller.getList("policyVersions.version", String.class)).containsExactly("1");
        assertThat(given().auth().oauth2(token("olga")).get("/v1/inventory/instances").then().statusCode(200)
                .extract().jsonPath().getList("instanceId", String.class))
                .contains("counter-a", "counter-b", "ledger-a");
        given().auth().oauth2(token("olga")).get("/v1/inventory/drift").then().statusCode(200)
                .body("size()", equalTo(0));
        JsonPath edges = given().auth().oauth2(token("olga")).get("/v1/inventory/edges").then().statusCode(200)
                .extract().jsonPath();
        assertThat(edges.getList("collect { it.service + ':' + it.fromAgent + '->' + it.toAgent + ':' + it.kind }",
                String.class)).contains("ledger-svc:bookkeeper->auditor:a2a");
        assertThat(edges.getList("find { it.toAgent == 'auditor' }.scopes", String.class))
                .containsExactly("ledger:read");
    }

    @Test
    @Order(2)
    void a_policy_change_on_one_replica_shows_as_drift_until_the_others_follow() throws Exception {
        startReplicas();
        String v2 = new String(getClass().getClassLoader().getResourceAsStream("policies/counter.yaml")
                .readAllBytes()).replace("version: 1", "version: 2").replace("args.amount > 100.0",
                        "args.amount > 50.0");
        PolicyEngine engine = PolicyEngine.builder().build();
        engine.load(new PolicySource("counter-v2", v2));
        PolicySet set = engine.policySets().get(0);
        String print = Fingerprints.policySet(set);
        Registration b = counterB.registration;
        Instance i = b.instance();
        counterB.registration = new Registration(new Instance(i.instanceId(), i.service(), i.version(), i.host(),
                i.startedAt(), Instant.now(), Fingerprints.combined(Map.of("counter", print)), i.toolFingerprint(),
                Map.of("counter", "2")), b.agents(), List.of(new PolicyVersion("counter-svc", "counter", "2", print,
                        "counter-v2", Instant.now(), "warden:policy-reload", "counter-b")), b.mcpServers(), b.edges());
        counterB.heartbeat(); // counter-b reloaded version 2; counter-a still serves version 1

        JsonPath drift = given().auth().oauth2(token("olga")).get("/v1/inventory/drift").then().statusCode(200)
                .extract().jsonPath();
        assertThat(drift.getString("[0].service")).isEqualTo("counter-svc");
        assertThat(drift.getString("[0].kind")).isEqualTo("policy");
        assertThat(drift.getList("[0].variants.instances.flatten()", String.class))
                .containsExactlyInAnyOrder("counter-a", "counter-b");
        assertThat(given().auth().oauth2(token("olga")).get("/v1/inventory/agents/teller").then().extract()
                .jsonPath().getBoolean("agent.drift")).isTrue();

        // counter-a follows: the operator rolls the same file out to it (watched directory, reloaded)
        Files.writeString(InventoryTestResource.POLICIES.resolve("counter.yaml"), v2);
        await(() -> given().auth().oauth2(token("olga")).get("/v1/inventory/drift").then().extract().jsonPath()
                .getList("$").isEmpty());
        JsonPath versions = given().auth().oauth2(token("olga")).get("/v1/inventory/policies").then().statusCode(200)
                .extract().jsonPath();
        assertThat(versions.getList("findAll { it.policySet == 'counter' }.version", String.class))
                .containsExactly("1", "2");
        assertThat(versions.getList("findAll { it.version == '2' }.changedBy", String.class))
                .containsExactly("warden:policy-reload");
    }

    @Test
    @Order(3)
    void a_kill_switch_flipped_through_one_replica_refuses_the_next_call_on_another_within_seconds() {
        startReplicas();
        assertThat(counterB.toolCall("teller", "balance")).isInstanceOf(Decision.Allow.class);
        String sam = token("sam");
        List<Long> bounds = new ArrayList<>();
        List<Long> posts = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            long sent = System.nanoTime();
            given().auth().oauth2(sam).contentType(ContentType.JSON)
                    .body(Map.of("target", "agent", "id", "teller", "reason", "round " + round))
                    .post("/v1/inventory/suspensions").then().statusCode(201);
            long start = System.nanoTime();
            posts.add((start - sent) / 1_000_000);
            // the bound measured (and logged) is the product claim; the assertion leaves room for a loaded CI machine
            while (!(counterB.toolCall("teller", "balance") instanceof Decision.Deny d
                    && InventoryCodes.AGENT_SUSPENDED.equals(d.code()))) {
                assertThat(System.nanoTime() - start).as("suspension seen by counter-b").isLessThan(10_000_000_000L);
                LockSupport.parkNanos(2_000_000);
            }
            bounds.add((System.nanoTime() - start) / 1_000_000);
            given().auth().oauth2(sam).delete("/v1/inventory/suspensions/agent/teller").then().statusCode(200);
            long lifted = System.nanoTime();
            while (!(counterB.toolCall("teller", "balance") instanceof Decision.Allow)) {
                assertThat(System.nanoTime() - lifted).as("resume seen").isLessThan(10_000_000_000L);
                LockSupport.parkNanos(2_000_000);
            }
        }
        // round 0 warms the path (first HQL translation, first audit append); the bound holds for it too
        LOG.infof("[inventory] kill switch across replicas: POST answered on counter-a -> refused on counter-b, ms: %s "
                + "(of which the POST itself: %s)", bounds, posts);
        // ledger-svc's agents are not affected by a suspension of teller; a tool suspension is
        assertThat(ledger.toolCall("bookkeeper", "post_entry")).isInstanceOf(Decision.Allow.class);
    }

    @Test
    @Order(4)
    void a_suspended_agent_is_refused_on_this_replica_too_and_the_run_carries_the_code() {
        startReplicas();
        ledger.heartbeat();
        given().auth().oauth2(token("sam")).contentType(ContentType.JSON)
                .body(Map.of("target", "agent", "id", "clerk", "reason", "investigation 42"))
                .post("/v1/inventory/suspensions").then().statusCode(201);
        try {
            JsonPath run = given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                    .body(Map.of("input", "note hi")).post("/v1/agents/clerk/runs").then().statusCode(200).extract()
                    .jsonPath();
            assertThat(run.getString("status")).isEqualTo("DENIED");
            assertThat(run.getString("code")).isEqualTo(InventoryCodes.AGENT_SUSPENDED);
            assertThat(given().auth().oauth2(token("olga")).get("/v1/inventory/suspensions").then().statusCode(200)
                    .extract().jsonPath().getString("find { it.targetId == 'clerk' }.suspendedBy")).isEqualTo("sam");
        } finally {
            given().auth().oauth2(token("sam")).delete("/v1/inventory/suspensions/agent/clerk").then()
                    .statusCode(200);
        }
        assertThat(given().auth().oauth2(token("olga")).queryParam("history", true)
                .get("/v1/inventory/suspensions").then().statusCode(200).extract().jsonPath()
                .getString("find { it.targetId == 'clerk' }.liftedBy")).isEqualTo("sam");
    }

    @Test
    @Order(5)
    void undeclared_tool_calls_on_any_replica_are_flagged_in_the_shared_inventory() {
        startReplicas();
        for (int n = 0; n < 3; n++) {
            counterB.toolCall("teller", "wire_abroad");
        }
        ledger.toolCall("bookkeeper", "wire_abroad");
        ledger.toolCall("bookkeeper", "post_entry"); // declared: not flagged
        store.recordUndeclared(counterB.declared.drain()).await().indefinitely();
        store.recordUndeclared(ledger.declared.drain()).await().indefinitely();
        JsonPath u = given().auth().oauth2(token("sam")).get("/v1/inventory/undeclared").then().statusCode(200)
                .extract().jsonPath();
        assertThat(u.getLong("find { it.agentId == 'teller' && it.name == 'wire_abroad' }.count")).isEqualTo(3);
        assertThat(u.getLong("find { it.agentId == 'bookkeeper' && it.name == 'wire_abroad' }.count")).isEqualTo(1);
        assertThat(u.getList("name", String.class)).doesNotContain("post_entry");
    }

    @Test
    @Order(6)
    void the_reactive_endpoints_serve_concurrent_callers_without_sharing_sessions() throws Exception {
        startReplicas();
        String olga = token("olga");
        String sam = token("sam");
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int n = 0; n < 60; n++) {
                int k = n;
                calls.add(switch (k % 6) {
                    case 0 -> () -> given().auth().oauth2(olga).get("/v1/inventory/agents").then().extract()
                            .statusCode();
                    case 1 -> () -> given().auth().oauth2(olga).get("/v1/inventory/agents/teller").then().extract()
                            .statusCode();
                    case 2 -> () -> given().auth().oauth2(olga).get("/v1/inventory/export").then().extract()
                            .statusCode();
                    case 3 -> () -> given().auth().oauth2(olga).get("/v1/inventory/drift").then().extract()
                            .statusCode();
                    case 4 -> () -> given().auth().oauth2(sam).contentType(ContentType.JSON)
                            .body(Map.of("target", "tool", "id", "tool-" + (k % 5), "reason", "load"))
                            .post("/v1/inventory/suspensions").then().extract().statusCode();
                    default -> () -> given().auth().oauth2(olga).get("/v1/inventory/suspensions").then().extract()
                            .statusCode();
                });
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                assertThat(f.get()).isIn(200, 201);
            }
        } finally {
            pool.shutdownNow();
        }
        // five targets suspended concurrently many times over: one active suspension each (partial unique index)
        assertThat(given().auth().oauth2(olga).get("/v1/inventory/suspensions").then().extract().jsonPath()
                .getList("findAll { it.target == 'tool' }.targetId", String.class))
                .containsExactlyInAnyOrder("tool-0", "tool-1", "tool-2", "tool-3", "tool-4");
        for (int n = 0; n < 5; n++) {
            given().auth().oauth2(sam).delete("/v1/inventory/suspensions/tool/tool-" + n).then().statusCode(200);
        }
    }

    static void await(BooleanSupplier condition) {
        long end = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("condition not met within 20 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
