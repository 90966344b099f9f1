package dev.warden.e2e.faults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.warden.e2e.SampleProcess;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Storage faults under the packaged banking-assistant's embedded JSONL trail: a full disk, the newest records deleted
 * behind the running service, and a cut-off last line at restart. A high-risk call is refused, never executed without
 * its record, and the service says why.
 */
class JsonlAuditFaultsTest {
    static final String TRANSFER = "Send 100 EUR to DE02120300000000202051"; // below the approval limit: runs once the user confirms

    static Path jar() {
        return Path.of(System.getProperty("warden.sample.jar"));
    }

    static String token(SampleProcess app, String user) {
        return given().baseUri(app.baseUri()).get("/v1/dev/tokens/" + user).then().statusCode(200).extract()
                .path("token");
    }

    /** A run by {@code user}; a transfer waiting for the requester's confirmation is confirmed by them. */
    static Response run(SampleProcess app, String user, String input) {
        String token = token(app, user);
        Response r = given().baseUri(app.baseUri()).auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"input\":\"" + input + "\"}").post("/v1/agents/banking-assistant/runs");
        return UserConfirms.ifAsked(app.baseUri(), token, r);
    }

    static List<String> demo(Path trail, String... more) {
        List<String> props = new ArrayList<>(List.of("-Dquarkus.profile=demo", "-Dwarden.health.details=true",
                "-Dwarden.audit.jsonl.path=" + trail.toAbsolutePath()));
        props.addAll(List.of(more));
        return props;
    }

    private static boolean userNamespacesWork() {
        try {
            Process p = new ProcessBuilder("unshare", "-rm", "true").redirectErrorStream(true).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * A real ENOSPC: the trail's directory is a 4 MiB tmpfs in the sample's own user and mount namespace (no root
     * needed), filled up through {@code /proc/<pid>/root} while the service runs.
     */
    @Test
    void a_full_disk_refuses_the_transfer_says_why_and_leaves_no_broken_line_behind() throws Exception {
        Assumptions.assumeTrue(userNamespacesWork(), "unprivileged user namespaces are not available");
        Path work = Path.of("target", "e2e-faults", "disk-full").toAbsolutePath();
        Path audit = work.resolve("audit");
        Files.createDirectories(audit);
        List<String> launcher = List.of("unshare", "-rm", "sh", "-c",
                "mount -t tmpfs -o size=4m tmpfs \"$0\" && exec \"$@\"", audit.toString());
        try (SampleProcess app = new SampleProcess(launcher, jar(), work, demo(audit.resolve("decisions.jsonl")))) {
            run(app, "alice", TRANSFER).then().statusCode(200).body("status", equalTo("COMPLETED"));
            Path inside = Path.of("/proc", Long.toString(app.pid()), "root").resolve(audit.toString().substring(1));
            assertThat(inside.resolve("decisions.jsonl")).as("the trail, seen in the sample's namespace").exists();

            Path filler = inside.resolve("filler");
            fill(filler);
            Response refused = run(app, "alice", TRANSFER);
            String body = refused.asString();
            assertThat(body).as("the response says why").contains("WARDEN-CORE-0009").contains("audit trail");
            assertThat(refused.statusCode() == 200 ? refused.path("status") : "refused").isNotEqualTo("COMPLETED");
            String runId = refused.statusCode() == 200 ? refused.path("runId") : null;
            given().baseUri(app.baseUri()).get("/q/health/ready").then().statusCode(503)
                    .body(containsString("appendError"));
            assertThat(Files.readString(app.log)).contains("audit trail cannot be written")
                    .contains("No space left on device");

            Files.delete(filler); // the operator frees space: service recovers by itself, trail intact
            run(app, "alice", TRANSFER).then().statusCode(200).body("status", equalTo("COMPLETED"));
            String olga = token(app, "olga");
            given().baseUri(app.baseUri()).auth().oauth2(olga).get("/v1/audit/verify").then().statusCode(200)
                    .body("valid", equalTo(true));
            if (runId != null) {
                given().baseUri(app.baseUri()).auth().oauth2(olga).get("/v1/audit?runId=" + runId).then()
                        .statusCode(200).body("checkpoint", org.hamcrest.Matchers.not(hasItem("TOOL_RESULT")));
            }
            for (String line : Files.readAllLines(inside.resolve("decisions.jsonl"), StandardCharsets.UTF_8)) {
                assertThat(line).as("every line is a whole record").startsWith("{").endsWith("}");
            }
        }
    }

    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int i = 0; i < 1024; i++) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            return; // ENOSPC: the file system is full
        }
        throw new IllegalStateException("the tmpfs did not fill up");
    }

    /** Issue 14 M1 at the packaged service: the trail cut behind its back no longer verifies as valid. */
    @Test
    void deleting_the_newest_records_behind_the_running_service_is_reported_by_verify() throws Exception {
        Path work = Path.of("target", "e2e-faults", "cut-tail").toAbsolutePath();
        Path trail = work.resolve("audit/decisions.jsonl");
        try (SampleProcess app = new SampleProcess(jar(), work, demo(trail))) {
            run(app, "alice", "What is my balance?").then().statusCode(200);
            run(app, "alice", TRANSFER).then().statusCode(200).body("status", equalTo("COMPLETED"));
            String olga = token(app, "olga");
            given().baseUri(app.baseUri()).auth().oauth2(olga).get("/v1/audit/verify").then().body("valid",
                    equalTo(true));
            List<String> lines = Files.readAllLines(trail, StandardCharsets.UTF_8);
            Files.write(trail, lines.subList(0, lines.size() - 2), StandardCharsets.UTF_8); // the transfer's result
            given().baseUri(app.baseUri()).auth().oauth2(olga).get("/v1/audit/verify").then().statusCode(200)
                    .body("valid", equalTo(false)).body("message", containsString("truncated"));
        }
        assertThatThrownBy(() -> new SampleProcess(jar(), work, demo(trail)).close())
                .as("nor does the service continue a cut trail").hasMessageContaining("WARDEN-CORE-0142");
    }

    /** Issue 14 L3: a cut-off last line names its line and the recovery; the recovery is audited. */
    @Test
    void a_cut_off_last_line_blocks_restart_with_its_line_number_until_the_audited_repair() throws Exception {
        Path work = Path.of("target", "e2e-faults", "torn-line").toAbsolutePath();
        Path trail = work.resolve("audit/decisions.jsonl");
        try (SampleProcess app = new SampleProcess(jar(), work, demo(trail))) {
            run(app, "alice", "What is my balance?").then().statusCode(200);
            app.kill();
        }
        long lines = Files.readAllLines(trail, StandardCharsets.UTF_8).size();
        Files.writeString(trail, "{\"agentId\":\"banking-assistant\",\"args\":{\"amount\":90", StandardOpenOption.APPEND);

        assertThatThrownBy(() -> new SampleProcess(jar(), work, demo(trail)).close())
                .hasMessageContaining("WARDEN-CORE-0140").hasMessageContaining("line " + (lines + 1) + " is cut off")
                .hasMessageContaining("warden.audit.jsonl.repair-torn-tail=true");

        try (SampleProcess app = new SampleProcess(jar(), work, demo(trail,
                "-Dwarden.audit.jsonl.repair-torn-tail=true"))) {
            String olga = token(app, "olga");
            given().baseUri(app.baseUri()).auth().oauth2(olga).get("/v1/audit?decision=ERROR").then().statusCode(200)
                    .body("checkpoint", hasItem("AUDIT_RECOVERY")).body("code", hasItem("WARDEN-CORE-0145"));
            given().baseUri(app.baseUri()).auth().oauth2(olga).get("/v1/audit/verify").then().statusCode(200)
                    .body("valid", equalTo(true));
            run(app, "alice", TRANSFER).then().statusCode(200).body("status", equalTo("COMPLETED"));
        }
        try (var saved = Files.list(trail.getParent())) {
            assertThat(saved.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("decisions.jsonl.torn-"));
        }
    }
}
