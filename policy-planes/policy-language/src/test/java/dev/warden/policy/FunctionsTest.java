package dev.warden.policy;

import static dev.warden.policy.Fixtures.call;
import static dev.warden.policy.Fixtures.set;
import static dev.warden.policy.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AgentIdentity;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Confidentiality;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Hop;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each variable and function, evaluated through a real one-rule policy. */
class FunctionsTest {
    private static final GovernanceContext CTX = new GovernanceContext(
            new Principal("alice", "acme", Set.of("analyst"), Map.of("dept", "sales")),
            new AgentIdentity("crm-analyst", "3", "team-crm"), new TaskContext("run-1", "conv-1", "support"),
            List.of(new Hop("planner", Set.of("crm:read", "email:draft")), new Hop("writer", Set.of("email:draft",
                    "email:send"))), Labels.of(Confidentiality.CONFIDENTIAL, "PII"), null);

    private static boolean holds(String when, Instant now, CheckpointRequest req) {
        PolicyEngine engine = PolicyEngine.builder().clock(Clock.fixed(now, ZoneOffset.UTC)).build();
        engine.load(yaml("t.yaml", set("t", "  - id: r\n    plane: identity\n    on: [" + req.checkpoint()
                + "]\n    when: '" + when.replace("'", "''") + "'\n    decision: deny\n")));
        Decision d = engine.evaluate("identity", req, CTX);
        assertThat(d).isNotInstanceOf(Decision.Failure.class);
        return d instanceof Decision.Deny;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "user.id == 'alice' && user.tenant == 'acme' && user.attributes.dept == 'sales'   | true",
        "'analyst' in user.roles                                                          | true",
        "agent.id == 'crm-analyst' && agent.version == '3' && agent.owner == 'team-crm'   | true",
        "task.purpose == 'support' && task.runId == 'run-1'                               | true",
        "tool.name == 'email.draft' && tool.effects == ['WRITE'] && tool.risk == 'LOW'    | true",
        "args.to == 'bob@acme.com' && args.count > 2 && args.count < 3.5                  | true",
        "has(args.cc)                                                                     | false",
        "context.labels.level == 'CONFIDENTIAL' && 'PII' in context.labels.categories     | true",
        "context.labels.atLeast('INTERNAL') && !context.labels.atLeast('RESTRICTED')      | true",
        "context.depth == 2 && context.scoped && context.scopes == ['email:draft']        | true",
        "context.chainPermits('email:draft') && !context.chainPermits('email:send')       | true",
        "chain[0].agent == 'planner' && chain.exists(h, 'email:send' in h.scopes)         | true",
        "checkpoint == 'TOOL_CALL' && target == 'email.draft'                             | true",
        "email.domain(args.to) == 'acme.com'                                              | true",
        "email.domain('a@evil.example, b@acme.com') == ''                                 | true",
        "email.domain('a@evil.example <b@acme.com>') == ''                                | true",
        "email.domain('b@acme.com; a@evil.example') == ''                                 | true",
        "email.domain('a%evil.example@acme.com') == ''                                    | true",
        "email.domain('evil.example!a@acme.com') == ''                                    | true",
        "email.domain('Bob <a%evil.example@acme.com>') == ''                              | true",
        "url.host('https://Docs.Acme.com:8443/x?y=1') == 'docs.acme.com'                  | true",
        "url.host('https://evil.com@acme.com/') == 'acme.com'                             | true",
        "url.host('not a url') == ''                                                      | true",
        "sql.kind('select 1; drop table t') == 'DDL'                                      | true",
        "now() == timestamp('2024-05-06T10:00:00Z') && now().getHours('Europe/Zurich') == 12 | true",
        "time.within('Mon-Fri 08:00-18:00', 'Europe/Zurich')                              | true",
        "time.within('Sat,Sun 08:00-18:00', 'Europe/Zurich')                              | false",
        "time.within('* 22:00-06:00', 'UTC')                                              | false",
        "content.text == '' && !content.labels.untrusted                                  | true",
        "text.fold('ＰＡＳＳword') == 'password'                                              | true",
        "text.mentions('send me your PASSWORD', 'password')                              | true",
        "text.mentions('send me your pаssword', 'password')                         | true",
        "text.mentions('send me your pass​word', 'password')                        | true",
        "text.mentions('send me your passport', 'password')                              | false",
        "text.mentions('anything', '')                                                   | false",
        "text.skeleton('paypal') == text.skeleton('pаypаl')                    | true",
    })
    void evaluates(String when, boolean expected) {
        CheckpointRequest req = call("email.draft", Map.of("to", "bob@acme.com", "count", 3),
                dev.warden.core.Effect.WRITE);
        assertThat(holds(when, Instant.parse("2024-05-06T10:00:00Z"), req)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} at {1} -> {2}")
    @CsvSource({
        "Mon-Fri 08:00-18:00, 2024-05-06T05:59:00Z, false",
        "Mon-Fri 08:00-18:00, 2024-05-06T06:00:00Z, true",
        "Mon-Fri 08:00-18:00, 2024-05-06T15:59:59Z, true",
        "Mon-Fri 08:00-18:00, 2024-05-06T16:00:00Z, false",
        "Mon-Fri 08:00-18:00, 2024-05-04T10:00:00Z, false",
        "Fri 22:00-06:00, 2024-05-04T03:00:00Z, true",
        "Fri 22:00-06:00, 2024-05-05T03:00:00Z, false",
    })
    void time_window_in_zurich(String window, String now, boolean expected) {
        String when = "time.within('" + window + "', 'Europe/Zurich')";
        assertThat(holds(when, Instant.parse(now), call("x", Map.of()))).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void malformed_window_is_a_failure_not_an_allow() {
        PolicyEngine engine = PolicyEngine.builder().build();
        engine.load(yaml("t.yaml", set("t", "  - id: r\n    plane: identity\n    on: [TOOL_CALL]\n"
                + "    when: time.within('Someday 8-6', 'UTC')\n    decision: allow\n")));
        assertThat(engine.evaluate("identity", call("x", Map.of()), CTX)).isInstanceOf(Decision.Failure.class);
    }
}
