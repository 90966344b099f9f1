package dev.warden.tck.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AgentIdentity;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Outcome;
import dev.warden.core.Principal;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.Verdict;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicySource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** "Write your own plane in 15 minutes" (docs/plugins.md): the page shows these files, and they work as it says. */
class GuideExampleTest {
    static final Path GUIDE = Path.of("../../docs/plugins.md");
    static final Pattern INCLUDED = Pattern.compile(
            "<!-- example: (\\S+) -->\\s*\\n```(?:java|yaml)\\n(.*?)```", Pattern.DOTALL);

    @Test
    void the_guide_shows_the_example_files_exactly() throws Exception {
        String page = Files.readString(GUIDE);
        Matcher m = INCLUDED.matcher(page);
        List<String> shown = new ArrayList<>();
        while (m.find()) {
            Path file = Path.of(m.group(1));
            assertThat(m.group(2)).as("block for %s in docs/plugins.md", file).isEqualTo(Files.readString(file));
            shown.add(file.getFileName().toString());
        }
        assertThat(shown).containsExactlyInAnyOrder("PerUserRatePlane.java", "per-user-rate.yaml",
                "PerUserRatePlaneTckTest.java");
    }

    @Test
    void the_example_limits_transfers_counts_only_what_ran_and_names_its_plane() {
        Clock clock = Clock.systemUTC();
        AtomicReference<PolicyEngine> engine = new AtomicReference<>();
        PerUserRatePlane plane = new PerUserRatePlane(engine::get, clock);
        engine.set(PolicyEngine.builder().clock(clock).planes(List.of(plane)).build());
        engine.get().load(PolicySource.classpath("guide/per-user-rate.yaml"));
        InMemoryAuditSink audit = new InMemoryAuditSink();
        Governor governor = Governor.builder().plane(plane).auditSink(audit).clock(clock).build();
        GovernanceContext alice = GovernanceContext.of(Principal.of("alice"), AgentIdentity.of("bank-agent"));
        ToolDescriptor sendMoney = ToolDescriptor.named("send_money", Effect.FINANCIAL);

        CheckpointRequest failed = CheckpointRequest.toolCall(1, sendMoney, "failed", Map.of());
        Verdict v0 = governor.check(failed, alice);
        governor.aborted(failed, alice, v0, dev.warden.spi.Settlement.Abort.ACTION_FAILED, "bank down");
        for (int i = 1; i <= 5; i++) {
            CheckpointRequest r = CheckpointRequest.toolCall(1, sendMoney, "call-" + i, Map.of());
            Verdict v = governor.check(r, alice);
            assertThat(v.outcome()).as("transfer %d", i).isEqualTo(Outcome.ALLOW);
            governor.committed(r, alice, v);
        }
        Verdict sixth = governor.check(CheckpointRequest.toolCall(1, sendMoney, "call-6", Map.of()), alice);
        assertThat(sixth.outcome()).isEqualTo(Outcome.DENY);
        assertThat(sixth.reason()).isEqualTo("at most 5 transfers per hour");
        DecisionRecord last = audit.records().get(audit.records().size() - 1);
        assertThat(last.ruleIds()).containsExactly("max-5-send-money-per-user-per-hour");
        assertThat(last.planes()).singleElement().satisfies(p -> assertThat(p.plane()).isEqualTo("per-user-rate"));
    }
}
