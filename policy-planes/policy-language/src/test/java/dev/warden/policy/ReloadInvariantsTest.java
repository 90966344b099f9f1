package dev.warden.policy;

import static dev.warden.policy.Fixtures.as;
import static dev.warden.policy.Fixtures.call;
import static dev.warden.policy.Fixtures.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.warden.core.Decision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 H1 and the reload invariants: whatever happens to a watched policy file, the last good version keeps
 * serving unless the author unloads something explicitly, and every refusal is reported (and stays visible until
 * fixed, L1).
 */
class ReloadInvariantsTest {
    static final String RULES = "  - id: deny-shell\n    plane: action-boundary\n    on: [TOOL_CALL]\n"
            + "    when: tool.name == 'shell.exec'\n    decision: deny\n"
            + "  - id: approve-transfer\n    plane: action-boundary\n    on: [TOOL_CALL]\n"
            + "    when: tool.name == 'send_money'\n    decision: require_approval\n    approvers: [manager]\n";
    static final String GOOD = set("banking", RULES);

    @TempDir
    Path dir;

    private final PolicyEngine engine = PolicyEngine.builder().build();
    private final List<PolicyReloadListener.Event> events = new ArrayList<>();
    private PolicyDirectoryWatcher watcher;
    private Path file;

    @BeforeEach
    void loadGoodVersion() throws IOException {
        file = dir.resolve("banking.yaml");
        Files.writeString(file, GOOD);
        watcher = new PolicyDirectoryWatcher(engine, dir);
        assertThat(watcher.scan()).isEmpty();
        engine.addReloadListener(events::add);
    }

    private void assertLastGoodVersionServes() {
        assertThat(engine.evaluate("action-boundary", call("send_money", Map.of()), as("alice")))
                .isInstanceOf(Decision.RequireApproval.class);
        assertThat(engine.evaluate("action-boundary", call("shell.exec", Map.of()), as("alice")))
                .isInstanceOf(Decision.Deny.class);
        assertThat(engine.policySets()).singleElement().satisfies(s -> assertThat(s.rules()).hasSize(2));
    }

    private void assertRejectedOnceAndPending(String... messageParts) {
        assertThat(events).last().satisfies(e -> {
            assertThat(e.accepted()).isFalse();
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.source()).isEqualTo(file.toString()));
            assertThat(e.problems().toString()).contains(messageParts);
        });
        int reported = events.size();
        assertThat(watcher.scan()).as("reported once").isEmpty();
        assertThat(events).hasSize(reported);
        assertThat(watcher.pendingProblems()).as("still pending at the next tick (L1)").isNotEmpty();
    }

    @Test
    void reload_of_empty_policy_file_keeps_last_good_version() throws IOException {
        Files.writeString(file, "");
        assertThat(watcher.scan()).isNotEmpty();
        assertLastGoodVersionServes();
        assertRejectedOnceAndPending("holds no PolicySet");
    }

    @Test
    void reload_of_comment_only_policy_file_keeps_last_good_version() throws IOException {
        Files.writeString(file, "# emptied by a bad sync\n");
        assertThat(watcher.scan()).isNotEmpty();
        assertLastGoodVersionServes();
        assertRejectedOnceAndPending("holds no PolicySet");
    }

    @Test
    void deleted_policy_file_keeps_last_good_version() throws IOException {
        Files.delete(file);
        assertThat(watcher.scan()).isNotEmpty();
        assertLastGoodVersionServes();
        assertRejectedOnceAndPending("would unload policy set 'banking'");
    }

    @Test
    void half_written_policy_file_that_drops_rules_keeps_last_good_version() throws IOException {
        // cut right after the first rule: still valid YAML, one rule fewer
        Files.writeString(file, GOOD.substring(0, GOOD.indexOf("  - id: approve-transfer")));
        assertThat(watcher.scan()).isNotEmpty();
        assertLastGoodVersionServes();
        assertRejectedOnceAndPending("drops rule(s) [approve-transfer]", "removedRules");
    }

    @Test
    void half_written_policy_file_cut_inside_a_rule_keeps_last_good_version() throws IOException {
        Files.writeString(file, GOOD.substring(0, GOOD.indexOf("'send_money'") + 5));
        assertThat(watcher.scan()).isNotEmpty();
        assertLastGoodVersionServes();
        assertThat(events).last().satisfies(e -> assertThat(e.problems())
                .anyMatch(p -> "approve-transfer".equals(p.ruleId())));
    }

    @Test
    void undecodable_policy_file_keeps_last_good_version() throws IOException {
        byte[] good = GOOD.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] torn = java.util.Arrays.copyOf(good, good.length + 1);
        torn[good.length] = (byte) 0xC3; // first byte of a two-byte character, the second never arrived
        Files.write(file, torn);
        assertThat(watcher.scan()).isNotEmpty();
        assertLastGoodVersionServes();
        assertRejectedOnceAndPending("cannot read policy file");
    }

    @Test
    void unreadable_policy_file_keeps_last_good_version() throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        try {
            assumeThat(Files.isReadable(file)).as("running as root (or with CAP_DAC_OVERRIDE), chmod 000 does not "
                    + "stop reads; undecodable_policy_file_keeps_last_good_version covers the same read-failure path")
                    .isFalse();
            assertThat(watcher.scan()).isNotEmpty();
            assertLastGoodVersionServes();
            assertRejectedOnceAndPending("cannot read policy file", "AccessDeniedException");
        } finally {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    @Test
    void vanished_policy_directory_keeps_last_good_version() throws IOException {
        Files.delete(file);
        Files.delete(dir);
        assertThat(watcher.scan()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("cannot list policy directory"));
        assertLastGoodVersionServes();
        assertThat(watcher.pendingProblems()).isNotEmpty();
        Files.createDirectories(dir);
        Files.writeString(file, GOOD);
        assertThat(watcher.scan()).isEmpty();
        assertThat(watcher.pendingProblems()).isEmpty();
    }

    @Test
    void rejected_reload_stays_pending_until_the_file_is_fixed_or_restored() throws IOException {
        Files.writeString(file, GOOD.replace("tool.name ==", "tool.nam =="));
        assertThat(watcher.scan()).isNotEmpty();
        assertThat(watcher.scan()).isEmpty();
        assertThat(watcher.pendingProblems()).hasSize(2).first().satisfies(p -> {
            assertThat(p.source()).isEqualTo(file.toString());
            assertThat(p.line()).isEqualTo(8);
            assertThat(p.ruleId()).isEqualTo("deny-shell");
        });
        Files.writeString(file, GOOD);
        assertThat(watcher.scan()).isEmpty();
        assertThat(watcher.pendingProblems()).as("restored to what serves").isEmpty();
    }

    @Test
    void rules_listed_under_removedRules_are_removed_and_reported() throws IOException {
        Files.writeString(file, GOOD.substring(0, GOOD.indexOf("  - id: approve-transfer"))
                .replace("rules:\n", "removedRules: [approve-transfer]\nrules:\n"));
        assertThat(watcher.scan()).isEmpty();
        assertThat(events).last().satisfies(e -> {
            assertThat(e.accepted()).isTrue();
            assertThat(e.removals()).containsExactly("rule banking/approve-transfer");
        });
        assertThat(engine.evaluate("action-boundary", call("send_money", Map.of()), as("alice")))
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void a_removal_document_unloads_a_set_no_agent_names() throws IOException {
        Files.writeString(file, "apiVersion: warden.dev/v1\nkind: PolicySet\nmetadata: { name: banking, version: 2 }\n"
                + "removed: true\n");
        assertThat(watcher.scan()).isEmpty();
        assertThat(engine.policySets()).isEmpty();
        assertThat(events).last().satisfies(e -> assertThat(e.removals()).containsExactly("set banking@1"));
    }

    @Test
    void a_set_an_agent_names_cannot_be_unloaded_even_with_a_removal_document() throws IOException {
        engine.requireSet("banking", "banking-assistant");
        Files.writeString(file, "apiVersion: warden.dev/v1\nkind: PolicySet\nmetadata: { name: banking, version: 2 }\n"
                + "removed: true\n");
        assertThat(watcher.scan()).isNotEmpty();
        assertLastGoodVersionServes();
        assertRejectedOnceAndPending("named by agent(s) [banking-assistant]");
    }

    @Test
    void a_removal_document_with_rules_is_rejected() throws IOException {
        Files.writeString(file, GOOD.replace("rules:\n", "removed: true\nrules:\n"));
        assertThat(watcher.scan()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("must not have rules");
            assertThat(p.line()).isPositive();
        });
        assertLastGoodVersionServes();
    }

    @Test
    void an_empty_document_is_refused_at_first_load_too() {
        PolicyEngine fresh = PolicyEngine.builder().build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fresh.load(new PolicySource("empty.yaml", "")))
                .isInstanceOf(PolicyLoadException.class).hasMessageContaining("holds no PolicySet");
    }
}
