package dev.warden.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Confidentiality;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Hop;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.Usage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The Java translation of conditions never disagrees with CEL: on random requests, whenever {@link NativeCondition}
 * decides, CEL yields the same boolean (and never an error); when CEL errors, the translation leaves it undecided.
 */
class NativeConditionDifferentialTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    static final CelEnvironment CEL = new CelEnvironment(CLOCK);
    static final List<String> EXPRESSIONS = NativeConditionCorpus.expressions();
    static final List<CelEnvironment.Compiled> COMPILED = EXPRESSIONS.stream().map(CEL::condition).toList();
    static final List<NativeCondition> NATIVE = COMPILED.stream()
            .map(c -> c.ok() ? NativeCondition.of(c.ast(), CLOCK) : null).toList();

    static final List<Object> VALUES = List.of("a", "", "x", "SELECT 1", "DROP TABLE t", "bob@acme.com",
            "a@evil.example, b@acme.com", "https://acme.com/x", "😀😀", "Mon-Fri 08:00-18:00", "RESTRICTED",
            "nonsense", "UTC", "ACC-1", "P1", "EUR", 0L, 1L, 2, -1L, 1500L, 1.5, 0.0, -0.0, Double.NaN, true, false,
            List.of("a", "b"), List.of(1L, 2L), List.of("a", 1L), List.of(), List.of("ssn"),
            Map.of("k", "v"), Map.of("name", "x"), List.of(Map.of("name", "x")), List.of("bob@acme.com", "e@x.io"));
    static final List<String> KEYS = List.of("s", "n", "d", "list", "m", "query", "to", "fields", "accountId",
            "amount", "url", "region", "priority", "attendees");

    @Property(tries = 400)
    void decidedResultsAgreeWithCel(@ForAll("requests") CheckpointRequest request,
            @ForAll("contexts") GovernanceContext context) {
        for (int i = 0; i < EXPRESSIONS.size(); i++) {
            assertThat(COMPILED.get(i).ok()).as(EXPRESSIONS.get(i) + ": " + COMPILED.get(i).error()).isTrue();
            Object cel;
            try {
                cel = COMPILED.get(i).program().eval(new RequestActivation(request, context));
            } catch (Exception e) {
                cel = "error: " + e.getMessage();
            }
            Boolean fast = NATIVE.get(i) == null ? null : NATIVE.get(i).evaluate(new RequestActivation(request, context));
            if (fast != null) {
                assertThat((Object) fast).as("%s with %s and %s", EXPRESSIONS.get(i), request.arguments(), context)
                        .isEqualTo(cel);
            }
        }
    }

    @Provide
    Arbitrary<CheckpointRequest> requests() {
        Arbitrary<Map<String, Object>> args = Arbitraries.subsetOf(KEYS).flatMap(keys -> {
            List<String> ordered = new ArrayList<>(keys);
            return Arbitraries.of(VALUES).list().ofSize(ordered.size()).map(values -> {
                Map<String, Object> m = new HashMap<>();
                for (int i = 0; i < ordered.size(); i++) {
                    m.put(ordered.get(i), values.get(i));
                }
                return m;
            });
        });
        Arbitrary<ToolDescriptor> tools = Arbitraries.of(
                ToolDescriptor.named("crm.get_account", Effect.READ),
                ToolDescriptor.named("sql.query", Effect.READ),
                ToolDescriptor.named("email.send", Effect.EXTERNAL_COMMUNICATION),
                ToolDescriptor.named("payments.transfer", Effect.WRITE, Effect.FINANCIAL),
                new ToolDescriptor("x", null, Set.of(Effect.WRITE), Labels.of(Confidentiality.INTERNAL, "PII"),
                        null, null, false));
        Arbitrary<String> targets = Arbitraries.of("t", "", "DROP TABLE t").injectNull(0.3);
        return Combinators.combine(tools.injectNull(0.1), args, targets).as((tool, a, target) ->
                new CheckpointRequest(tool == null ? Checkpoint.AGENT_OUTPUT : Checkpoint.TOOL_CALL, 1, tool, "c", a,
                        target == null ? null : "content 😀", target == null ? null : Labels.untrusted(), target,
                        Map.of("k", "v")));
    }

    @Provide
    Arbitrary<GovernanceContext> contexts() {
        Arbitrary<Principal> users = Arbitraries.of(
                new Principal("alice", "acme", Set.of("analyst", "crm-reader"), Map.of("region", "eu")),
                new Principal("bob", null, Set.of("contractor", "junior-analyst", "finance"),
                        Map.of("incident-freeze", "on")));
        Arbitrary<AgentIdentity> agents = Arbitraries.of(new AgentIdentity("crm-analyst", "0.9", "o"),
                new AgentIdentity("crm-analyst", "1.4.0", null), AgentIdentity.of("other"));
        Arbitrary<Labels> labels = Arbitraries.of(Labels.PUBLIC, Labels.untrusted(),
                Labels.of(Confidentiality.RESTRICTED, "PII", "CREDENTIALS"));
        Arbitrary<List<Hop>> chains = Arbitraries.of(List.of(), List.of(new Hop("a", Set.of())),
                List.of(new Hop("a", Set.of("crm.get_account", "email.send")), new Hop("b", Set.of("email.send"))));
        Arbitrary<Usage> usage = Arbitraries.of(Usage.ZERO, new Usage(20, 45, 150_000, 60_000));
        Arbitrary<TaskContext> tasks = Arbitraries.of(new TaskContext(null, null, null),
                new TaskContext("r", "c", "customer-support"));
        return Combinators.combine(users, agents, labels, chains, usage, tasks).as((u, a, l, c, us, t) -> {
            GovernanceContext g = GovernanceContext.of(u, a).withTask(t).withUsage(us).withLabelsJoined(l);
            for (Hop h : c) {
                g = g.withHop(h);
            }
            return g;
        });
    }
}
