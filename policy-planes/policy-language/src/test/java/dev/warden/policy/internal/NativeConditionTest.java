package dev.warden.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AgentIdentity;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Checkpoint;
import dev.warden.core.Confidentiality;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Hop;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.Usage;
import dev.warden.policy.PolicyCodes;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicySource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the Java translation decides, what it leaves to CEL, and that engine decisions stay fail-closed. */
class NativeConditionTest {
    static final GovernanceContext ANALYST = GovernanceContext.of(
            new Principal("alice", "acme", Set.of("analyst", "crm-reader"), Map.of("region", "eu")),
            new AgentIdentity("crm-analyst", "1.4.0", "sales-platform"))
            .withTask(new TaskContext("run-1", "conv-1", "customer-support"));
    static final List<CheckpointRequest> BENCH_REQUESTS = List.of(
            CheckpointRequest.toolCall(1, ToolDescriptor.named("crm.get_account", Effect.READ), "c",
                    Map.of("accountId", "ACC-1042", "fields", List.of("name", "owner", "segment"))),
            CheckpointRequest.toolCall(1, ToolDescriptor.named("sql.query", Effect.READ), "c",
                    Map.of("query", "SELECT id FROM accounts LIMIT 50", "database", "crm")),
            CheckpointRequest.toolCall(1, ToolDescriptor.named("email.send", Effect.EXTERNAL_COMMUNICATION), "c",
                    Map.of("to", "bob@acme.com", "subject", "Q3", "body", "See the summary.")));

    static Boolean decide(String expression, CheckpointRequest request, GovernanceContext context) {
        CelEnvironment.Compiled c = NativeConditionDifferentialTest.CEL.condition(expression);
        assertThat(c.ok()).as(c.error()).isTrue();
        NativeCondition n = NativeCondition.of(c.ast(), NativeConditionDifferentialTest.CLOCK);
        return n == null ? null : n.evaluate(new RequestActivation(request, context));
    }

    @Test
    void everyBenchmarkConditionIsDecidedWithoutCel() {
        List<String> bench = NativeConditionCorpus.expressions().subList(0, NativeConditionCorpus.BENCH_CONDITIONS);
        for (CheckpointRequest r : BENCH_REQUESTS) {
            for (String e : bench) {
                assertThat(decide(e, r, ANALYST)).as("%s for %s", e, r.tool().name()).isNotNull();
            }
        }
    }

    @Test
    void errorsAndNonBooleanOperandsAreLeftToCel() {
        CheckpointRequest r = BENCH_REQUESTS.get(0).withArguments(Map.of("s", "text", "n", 3L));
        assertThat(decide("args.missing == \"x\"", r, ANALYST)).isNull();
        assertThat(decide("args.s && false", r, ANALYST)).isNull(); // CEL: "expected boolean value"
        assertThat(decide("args.s.startsWith(args.n)", r, ANALYST)).isNull();
        assertThat(decide("args.n == 3.0", r, ANALYST)).isNull(); // heterogeneous numbers: CEL's rules
        assertThat(decide("now() > timestamp(\"2020-01-01T00:00:00Z\")", r, ANALYST)).isNull();
        // absorbed exactly where CEL absorbs an error
        assertThat(decide("args.missing == \"x\" && false", r, ANALYST)).isFalse();
        assertThat(decide("false && args.s", r, ANALYST)).isFalse();
        assertThat(decide("args.missing == \"x\" || args.n == 3", r, ANALYST)).isTrue();
    }

    @Test
    void decidesMacrosIndexingAndWardenFunctions() {
        CheckpointRequest r = BENCH_REQUESTS.get(0).withArguments(Map.of("list", List.of("a", "b"),
                "m", Map.of("k", "v"), "to", "Bob <bob@Acme.com>", "s", "😀😀"));
        assertThat(decide("args.list.exists(x, x == \"b\")", r, ANALYST)).isTrue();
        assertThat(decide("args.list.all(x, x == \"b\")", r, ANALYST)).isFalse();
        assertThat(decide("args.m[\"k\"] == \"v\" && has(args.m.k)", r, ANALYST)).isTrue();
        assertThat(decide("email.domain(args.to) == \"acme.com\"", r, ANALYST)).isTrue();
        assertThat(decide("size(args.s) == 2", r, ANALYST)).isTrue(); // code points, as CEL counts
        assertThat(decide("time.within(\"Mon-Fri 08:00-18:00\", \"UTC\")", r, ANALYST)).isTrue();
    }

    @Test
    void comprehensionVariablesShadowRequestVariables() {
        CheckpointRequest r = BENCH_REQUESTS.get(0).withArguments(Map.of("list", List.of(Map.of("name", "x"))));
        assertThat(decide("args.list.exists(tool, tool.name == \"x\")", r, ANALYST)).isTrue();
        assertThat(decide("args.list.exists(tool, tool.name == \"crm.get_account\")", r, ANALYST)).isFalse();
    }

    @Test
    void directFieldsEqualTheValuesCelSees() {
        GovernanceContext rich = ANALYST.withUsage(new Usage(3, 4, 100, 20))
                .withLabelsJoined(Labels.of(Confidentiality.CONFIDENTIAL, "PII")).withLabelsJoined(Labels.untrusted())
                .withHop(new Hop("a", Set.of("x")));
        GovernanceContext bare = GovernanceContext.of(Principal.of("bob"), AgentIdentity.of("b"));
        CheckpointRequest noTool = CheckpointRequest.content(Checkpoint.AGENT_OUTPUT, 1, "hi", null);
        for (GovernanceContext g : List.of(rich, bare)) {
            for (CheckpointRequest r : List.of(BENCH_REQUESTS.get(0), noTool)) {
                RequestActivation act = new RequestActivation(r, g);
                for (String path : DirectFields.PATHS) {
                    String[] parts = path.split("\\.");
                    Object viaMaps = act.variable(parts[0]);
                    for (int i = 1; i < parts.length; i++) {
                        viaMaps = ((Map<?, ?>) viaMaps).get(parts[i]);
                    }
                    assertThat(DirectFields.reader(path).apply(act)).as(path).isEqualTo(viaMaps);
                }
            }
        }
    }

    @Test
    void aConditionThatFailsInCelStillFailsClosed() {
        PolicyEngine engine = PolicyEngine.builder().clock(NativeConditionDifferentialTest.CLOCK).build();
        engine.load(new PolicySource("t.yaml", """
                apiVersion: warden.dev/v1
                kind: PolicySet
                metadata: { name: t, version: 1 }
                rules:
                  - id: amount-cap
                    plane: action-boundary
                    on: [TOOL_CALL]
                    when: tool.name == "pay" && args.amount > 100
                    decision: deny
                """));
        CheckpointRequest missing = CheckpointRequest.toolCall(1, ToolDescriptor.named("pay", Effect.WRITE), "c",
                Map.of("to", "x"));
        Decision d = engine.evaluate("action-boundary", missing, ANALYST);
        assertThat(d).isInstanceOf(Decision.Failure.class);
        assertThat(((Decision.Failure) d).code()).isEqualTo(PolicyCodes.EVALUATION_ERROR);
        assertThat(engine.evaluate("action-boundary", missing.withArguments(Map.of("amount", 500L)), ANALYST))
                .isInstanceOf(Decision.Deny.class);
        assertThat(engine.evaluate("action-boundary", missing.withArguments(Map.of("amount", 5)), ANALYST))
                .isInstanceOf(Decision.Allow.class);
    }
}
