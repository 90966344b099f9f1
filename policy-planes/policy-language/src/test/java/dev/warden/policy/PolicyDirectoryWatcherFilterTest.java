package dev.warden.policy;

import static dev.warden.policy.Fixtures.as;
import static dev.warden.policy.Fixtures.call;
import static dev.warden.policy.Fixtures.set;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Decision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dev mode watches the files an application names, not their neighbours in the same directory. */
class PolicyDirectoryWatcherFilterTest {
    @TempDir
    Path dir;

    @Test
    void a_filtered_watcher_neither_loads_nor_reports_files_it_does_not_include() throws IOException {
        PolicyEngine engine = PolicyEngine.builder().build();
        Path named = Files.writeString(dir.resolve("named.yaml"), set("tools", "  - id: deny-shell\n"
                + "    plane: action-boundary\n    on: [TOOL_CALL]\n    when: tool.name == 'shell.exec'\n"
                + "    decision: deny\n"));
        Files.writeString(dir.resolve("neighbour.yaml"), "this: [is not a policy");
        PolicyDirectoryWatcher watcher = new PolicyDirectoryWatcher(engine, dir, named::equals);

        assertThat(watcher.scan()).isEmpty();
        assertThat(watcher.pendingProblems()).isEmpty();
        assertThat(engine.policySets()).extracting(PolicySet::name).containsExactly("tools");
        assertThat(engine.evaluate("action-boundary", call("shell.exec", Map.of()), as("a")))
                .isInstanceOf(Decision.Deny.class);
    }
}
