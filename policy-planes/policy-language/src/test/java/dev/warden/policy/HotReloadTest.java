package dev.warden.policy;

import static dev.warden.policy.Fixtures.as;
import static dev.warden.policy.Fixtures.call;
import static dev.warden.policy.Fixtures.set;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Decision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HotReloadTest {
    @TempDir
    Path dir;

    private final PolicyEngine engine = PolicyEngine.builder().build();
    private final List<PolicyReloadListener.Event> events = new ArrayList<>();

    private static String denyTool(String tool, int version) {
        return set("tools", "  - id: deny-" + tool + "\n    plane: action-boundary\n    on: [TOOL_CALL]\n"
                + "    when: tool.name == '" + tool + "'\n    decision: deny\n").replace("version: 1",
                "version: " + version);
    }

    static final String REMOVE_TOOLS = "apiVersion: warden.dev/v1\nkind: PolicySet\n"
            + "metadata: { name: tools, version: 2 }\nremoved: true\n";

    private Decision decide(String tool) {
        return engine.evaluate("action-boundary", call(tool, Map.of()), as("a"));
    }

    @Test
    void changed_file_replaces_previous_version_and_bad_file_keeps_it() throws IOException {
        engine.addReloadListener(events::add);
        PolicyDirectoryWatcher watcher = new PolicyDirectoryWatcher(engine, dir);
        Path file = dir.resolve("tools.yaml");
        Files.writeString(file, denyTool("shell.exec", 1));
        assertThat(watcher.scan()).isEmpty();
        assertThat(decide("shell.exec")).isInstanceOf(Decision.Deny.class);
        assertThat(decide("shell.exec").basis().policyVersion()).isEqualTo("1");

        Files.writeString(file, denyTool("web.fetch", 2));
        assertThat(watcher.scan()).isEmpty();
        assertThat(decide("shell.exec")).isInstanceOf(Decision.Allow.class);
        assertThat(decide("web.fetch").basis().policyVersion()).isEqualTo("2");

        Files.writeString(file, denyTool("web.fetch", 3).replace("tool.name ==", "tool.nam =="));
        List<PolicyProblem> problems = watcher.scan();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(file.toString());
            assertThat(p.ruleId()).isEqualTo("deny-web.fetch");
            assertThat(p.line()).isEqualTo(8);
        });
        assertThat(decide("web.fetch").basis().policyVersion()).isEqualTo("2");
        assertThat(events).extracting(PolicyReloadListener.Event::accepted).containsExactly(true, true, false);
        assertThat(events.get(2).problems()).isEqualTo(problems);
        assertThat(watcher.scan()).as("an unchanged bad file is reported once").isEmpty();
        assertThat(events).hasSize(3);
    }

    @Test
    void deleted_file_keeps_its_sets_until_a_removal_document_unloads_them_and_other_files_are_independent()
            throws IOException {
        PolicyDirectoryWatcher watcher = new PolicyDirectoryWatcher(engine, dir);
        engine.addReloadListener(events::add);
        Files.writeString(dir.resolve("a.yaml"), denyTool("shell.exec", 1));
        Files.writeString(dir.resolve("b.yml"), denyTool("web.fetch", 1).replace("name: tools", "name: web"));
        Files.writeString(dir.resolve("notes.txt"), "not a policy");
        watcher.scan();
        assertThat(engine.policySets()).extracting(PolicySet::name).containsExactlyInAnyOrder("tools", "web");
        Files.delete(dir.resolve("a.yaml"));
        assertThat(watcher.scan()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("would unload policy set 'tools'", "without a removal document"));
        assertThat(engine.policySets()).extracting(PolicySet::name).containsExactlyInAnyOrder("tools", "web");
        assertThat(decide("shell.exec")).isInstanceOf(Decision.Deny.class);

        Files.writeString(dir.resolve("a.yaml"), REMOVE_TOOLS);
        assertThat(watcher.scan()).isEmpty();
        assertThat(engine.policySets()).extracting(PolicySet::name).containsExactly("web");
        assertThat(events.get(events.size() - 1).removals()).containsExactly("set tools@1");
        Files.delete(dir.resolve("a.yaml"));
        assertThat(watcher.scan()).as("a file holding only removal documents may go").isEmpty();
        assertThat(watcher.pendingProblems()).isEmpty();
        assertThat(decide("shell.exec")).isInstanceOf(Decision.Allow.class);
        assertThat(decide("web.fetch")).isInstanceOf(Decision.Deny.class);
    }

    @Test
    void evaluations_during_reloads_always_see_a_whole_version() throws Exception {
        PolicyDirectoryWatcher watcher = new PolicyDirectoryWatcher(engine, dir);
        Path file = dir.resolve("tools.yaml");
        Files.writeString(file, denyTool("shell.exec", 1));
        watcher.scan();
        Thread reader = new Thread(() -> {
            for (int i = 0; i < 20_000; i++) {
                Decision d = decide("shell.exec");
                assertThat(d).isNotInstanceOf(Decision.Failure.class);
            }
        });
        reader.start();
        for (int v = 2; v < 30; v++) {
            Files.writeString(file, denyTool(v % 2 == 0 ? "web.fetch" : "shell.exec", v));
            watcher.scan();
        }
        reader.join();
    }
}
