package dev.warden.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Decision;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.policy.PolicyEngine;
import org.junit.jupiter.api.Test;

/** The benchmarks only mean something if their fixtures do the work they claim; these tests pin that down. */
class BenchmarkFixturesTest {

    @Test
    void governed_and_plain_loops_call_the_tool_once_and_give_the_same_answer() {
        var model = AgentStepBenchmark.scriptedModel();
        RunResult governed = AgentStepBenchmark.governedAgent(model, "hash-chain")
                .runBlocking(AgentStepBenchmark.INPUT, dev.warden.core.Principal.of("alice"));
        String plain = new PlainToolLoop(model, new AccountTools(), 10).run(AgentStepBenchmark.INPUT);

        assertThat(governed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(governed.decisions()).hasSize(AgentStepBenchmark.CHECKPOINTS_PER_STEP);
        assertThat(governed.context().usage().toolCalls()).isEqualTo(1);
        assertThat(plain).isEqualTo(governed.output()).contains("ACC-1042").contains("1234.56");
        assertThat(model.calls()).isEqualTo(4); // two model calls per loop
    }

    @Test
    void policy_set_has_fifty_rules_that_load_and_decide_as_the_scenarios_claim() {
        PolicyEngine engine = PolicyEvaluationBenchmark.engine();
        assertThat(engine.policySets()).singleElement()
                .satisfies(s -> assertThat(s.rules()).hasSize(50));
        for (String scenario : new String[] {"crm-read", "sql-select", "email-send"}) {
            Decision d = engine.evaluate(PolicyEvaluationBenchmark.PLANE, BenchFixtures.scenario(scenario),
                    BenchFixtures.analystContext());
            assertThat(d).as(scenario).isInstanceOf(PolicyEvaluationBenchmark.expected(scenario));
        }
    }

    @Test
    void policy_set_denies_what_it_should_so_no_rule_is_dead_weight_by_mistake() {
        PolicyEngine engine = PolicyEvaluationBenchmark.engine();
        var drop = dev.warden.core.CheckpointRequest.toolCall(1,
                dev.warden.core.ToolDescriptor.named("sql.query", dev.warden.core.Effect.READ), "c",
                java.util.Map.of("query", "DROP TABLE accounts", "database", "crm"));
        Decision d = engine.evaluate(PolicyEvaluationBenchmark.PLANE, drop, BenchFixtures.analystContext());
        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(d.basis().ruleIds()).contains("sql-select-only", "sql-no-ddl");
    }
}
