package dev.warden.e2e.faults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.warden.e2e.SampleProcess;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 14 H1/L1, black box: the packaged banking sample watches its policy directory; whatever happens to the file
 * (emptied, deleted, unreadable, half-written, broken), a 900 EUR transfer still waits for a manager — it is never
 * executed — and the service says why: log, readiness, {@code /v1/policies/status} and the audit trail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyFileFaultsE2ETest {
    static final String PAYEE = "FR1420041010050500013M02606";

    private final Path work = Path.of("target", "e2e-faults-policy").toAbsolutePath();
    private final Path policies = work.resolve("policies");
    private final Path file = policies.resolve("banking.yaml");
    private String good;
    private SampleProcess sample;

    @BeforeAll
    void start() throws Exception {
        Files.createDirectories(policies);
        good = Files.readString(Path.of(System.getProperty("warden.banking.policy")));
        Files.writeString(file, good);
        sample = new SampleProcess(SampleProcess.bankingJar(), work, List.of(
                "-Dquarkus.profile=demo", "-Dwarden.health.details=true",
                "-Dwarden.audit.jsonl.path=" + work.resolve("audit/decisions.jsonl"),
                "-Dwarden.policy.locations=file:" + policies,
                "-Dwarden.policy.reload=true",
                "-Dwarden.policy.reload-interval=100ms"));
    }

    @AfterAll
    void stop() throws Exception {
        if (sample != null) {
            sample.close();
        }
    }

    /** Each fault starts from the good file, served and in sync. */
    @BeforeEach
    void restoreGoodFile() throws Exception {
        if (Files.exists(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
        Path tmp = policies.resolve("banking.yaml.tmp");
        Files.writeString(tmp, good);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        await("policy files in sync", () -> status().getList("rejected").isEmpty());
    }

    @Test
    void emptied_policy_file_keeps_the_transfer_waiting_for_a_manager() throws Exception {
        Files.writeString(file, "");
        assertRefusedReloadAndParkedTransfer("holds no PolicySet");
    }

    @Test
    void deleted_policy_file_keeps_the_transfer_waiting_for_a_manager() throws Exception {
        Files.delete(file);
        assertRefusedReloadAndParkedTransfer("named by agent(s) [banking-assistant]");
    }

    @Test
    void unreadable_policy_file_keeps_the_transfer_waiting_for_a_manager() throws Exception {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeThat(Files.isReadable(file)).as("running as root (or with CAP_DAC_OVERRIDE), chmod 000 does not stop "
                + "reads; half_copied_policy_file_with_a_torn_character_... covers the same read-failure path").isFalse();
        assertRefusedReloadAndParkedTransfer("cannot read policy file");
    }

    @Test
    void half_copied_policy_file_with_a_torn_character_keeps_the_transfer_waiting_for_a_manager() throws Exception {
        byte[] bytes = good.getBytes(StandardCharsets.UTF_8);
        byte[] torn = Arrays.copyOf(bytes, bytes.length / 2 + 1);
        torn[torn.length - 1] = (byte) 0xE2; // first byte of a three-byte character, the rest never arrived
        Files.write(file, torn);
        assertRefusedReloadAndParkedTransfer("cannot read policy file");
    }

    @Test
    void half_written_policy_file_keeps_the_transfer_waiting_for_a_manager() throws Exception {
        // cut just before the approval rule: still valid YAML, with the rules that follow missing
        Files.writeString(file, good.substring(0, good.indexOf("  # Large transfers wait for a second person.")));
        assertRefusedReloadAndParkedTransfer("removedRules");
    }

    @Test
    void policy_file_with_invalid_cel_keeps_the_transfer_waiting_for_a_manager() throws Exception {
        Files.writeString(file, good.replace("args.amount > 500.0", "args.amount >> 500.0"));
        JsonPath problem = assertRefusedReloadAndParkedTransfer("CEL error");
        assertThat(problem.getString("rejected[0].ruleId")).isEqualTo("large-transfers-need-approval");
        assertThat(problem.getInt("rejected[0].line")).as("line of the broken condition").isPositive();
    }

    @Test
    void policy_file_with_invalid_yaml_keeps_the_transfer_waiting_for_a_manager() throws Exception {
        Files.writeString(file, good.replace("rules:\n", "rules:\n  - id: [unclosed\n"));
        assertRefusedReloadAndParkedTransfer("YAML syntax error");
    }

    private JsonPath assertRefusedReloadAndParkedTransfer(String why) throws Exception {
        // files are rewritten in place (as an editor or a copy would): the 100 ms poller may first catch the file
        // truncated and reject it as empty; wait for the rejection of the fault itself
        await("the reload is rejected: " + why, () -> !status().getList("rejected").isEmpty()
                && String.valueOf(status().getString("rejected.message")).contains(why));
        JsonPath status = status();
        assertThat(status.getString("rejected[0].source")).endsWith("banking.yaml");
        assertThat(status.getString("rejected.message")).contains(why);
        assertThat(status.getBoolean("lastAttempt.accepted")).isFalse();
        assertThat(status.getList("active.name")).containsExactly("banking");

        var transfer = as(token("alice")).contentType(ContentType.JSON)
                .body("{\"input\":\"Send 900 EUR to " + PAYEE + "\"}").post("/v1/agents/banking-assistant/runs")
                .then().statusCode(200).extract().jsonPath();
        assertThat(transfer.getString("status")).as("parked, never executed").isEqualTo("AWAITING_APPROVAL");
        assertThat(transfer.getList("decisions.findAll { it.tool == 'send_money' }.decision"))
                .containsOnly("REQUIRE_APPROVAL");

        JsonPath ready = given().baseUri(sample.baseUri()).get("/q/health/ready").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> data = ready.getMap("checks.find { it.name == 'warden-policies' }.data");
        assertThat(String.valueOf(data.get("rejectedReload"))).contains("banking.yaml").contains(why);
        assertThat(data.get("code")).isEqualTo("WARDEN-POL-0101");

        List<Map<String, Object>> audited = as(token("olga")).get("/v1/audit?userId=warden:policy-reload")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(audited).as("the rejection is in the audit trail").anySatisfy(r -> {
            assertThat(r.get("checkpoint")).isEqualTo("POLICY_RELOAD");
            assertThat(r.get("code")).isEqualTo("WARDEN-POL-0101");
            assertThat(String.valueOf(r.get("reason"))).contains("banking.yaml");
        });
        assertThat(sample.logText()).contains("WARDEN-POL-0101 Warden rejected a policy reload");
        return status;
    }

    private RequestSpecification as(String bearer) {
        return given().baseUri(sample.baseUri()).auth().oauth2(bearer);
    }

    private String token(String user) {
        return given().baseUri(sample.baseUri()).get("/v1/dev/tokens/" + user).then().statusCode(200)
                .extract().path("token");
    }

    private JsonPath status() {
        return as(token("olga")).get("/v1/policies/status").then().statusCode(200).extract().jsonPath();
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
