package dev.warden.policy;

import static dev.warden.policy.Fixtures.as;
import static dev.warden.policy.Fixtures.call;
import static dev.warden.policy.Fixtures.set;
import static dev.warden.policy.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.Decision;
import dev.warden.core.Effect;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Named data sets ({@code dataset.contains}): normalised membership, per-user sets, load-time names, fail closed. */
class DataSetTest {
    static final String PAYEES = set("banking", """
              - id: new-payee-confirmed
                plane: action-boundary
                on: [TOOL_CALL]
                when: tool.name == "send_money" && !dataset.contains("known-payees", user, args.recipient)
                decision: confirm
                reason: the first transfer to a new payee is confirmed
              - id: sanctioned-country
                plane: action-boundary
                on: [TOOL_CALL]
                when: tool.name == "send_money" && dataset.contains("blocked-ibans", args.recipient)
                decision: deny
                code: BANK-0001
            """);

    /** Alice's payees; every other customer has none. Records the requester it was asked for. */
    static final class PerUserPayees implements PolicyDataSet {
        final AtomicReference<String> askedFor = new AtomicReference<>();

        @Override
        public String name() {
            return "known-payees";
        }

        @Override
        public Collection<String> values(String tenant, String user) {
            askedFor.set(tenant + "/" + user);
            return "alice".equals(user) ? List.of("DE02120300000000202051", "GB29NWBK60161331926819") : List.of();
        }
    }

    private static PolicyEngine engine(PolicyDataSet... sets) {
        PolicyEngine.Builder b = PolicyEngine.builder();
        for (PolicyDataSet s : sets) {
            b.dataSet(s);
        }
        PolicyEngine engine = b.build();
        engine.load(yaml("banking.yaml", PAYEES));
        return engine;
    }

    private static Decision pay(PolicyEngine engine, String user, Object recipient) {
        return engine.evaluate("action-boundary", call("send_money", Map.of("recipient", recipient, "amount", 10.0),
                Effect.FINANCIAL), as(user, "customer"));
    }

    @Test
    void a_users_own_known_payee_needs_no_confirmation_and_another_users_payee_does() {
        PerUserPayees payees = new PerUserPayees();
        PolicyEngine engine = engine(payees, PolicyDataSet.of("blocked-ibans", List.of("GB33BUKB20201555555555")));
        assertThat(pay(engine, "alice", "DE02120300000000202051")).isInstanceOf(Decision.Allow.class);
        assertThat(payees.askedFor.get()).endsWith("/alice");
        assertThat(pay(engine, "bob", "DE02120300000000202051")).isInstanceOf(Decision.RequireConfirmation.class);
    }

    @Test
    void membership_compares_normalised_values_not_raw_strings() {
        PolicyEngine engine = engine(new PerUserPayees(),
                PolicyDataSet.of("blocked-ibans", List.of("GB33BUKB20201555555555")));
        assertThat(pay(engine, "alice", "gb29 nwbk 6016 1331 9268 19")).isInstanceOf(Decision.Allow.class);
        assertThat(pay(engine, "alice", "GB29\u00a0NWBK60161331926819")).isInstanceOf(Decision.Allow.class);
        assertThat(pay(engine, "alice", "GB33 BUKB 2020 1555 5555 55")).isInstanceOf(Decision.Deny.class);
        // a fragment or an empty value is never a member
        assertThat(pay(engine, "alice", "GB29NWBK6016")).isInstanceOf(Decision.RequireConfirmation.class);
        assertThat(pay(engine, "alice", "")).isInstanceOf(Decision.RequireConfirmation.class);
    }

    @Test
    void numbers_are_members_by_value() {
        PolicyEngine engine = PolicyEngine.builder().dataSet(PolicyDataSet.of("limits", List.of("98.70", "1000")))
                .build();
        engine.load(yaml("x.yaml", set("x", """
                  - id: listed-amount
                    plane: action-boundary
                    on: [TOOL_CALL]
                    when: dataset.contains("limits", args.amount)
                    decision: deny
                """)));
        for (Object amount : List.of(98.7, 1000L, 1000.0, "98.7")) {
            assertThat(engine.evaluate("action-boundary", call("send_money", Map.of("amount", amount)),
                    as("alice", "customer"))).as("amount %s", amount).isInstanceOf(Decision.Deny.class);
        }
        assertThat(engine.evaluate("action-boundary", call("send_money", Map.of("amount", 98.71)),
                as("alice", "customer"))).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void a_rule_naming_an_unknown_data_set_fails_the_load_with_file_line_rule_and_the_known_names() {
        PolicyEngine engine = PolicyEngine.builder().dataSet(PolicyDataSet.of("blocked-ibans", List.of())).build();
        assertThatThrownBy(() -> engine.load(yaml("banking.yaml", PAYEES)))
                .isInstanceOfSatisfying(PolicyLoadException.class, e -> {
                    assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.source()).isEqualTo("banking.yaml");
                        assertThat(p.line()).isEqualTo(8);
                        assertThat(p.ruleId()).isEqualTo("new-payee-confirmed");
                        assertThat(p.message()).contains(PolicyCodes.UNKNOWN_DATA_SET, "'known-payees'",
                                "blocked-ibans");
                    });
                });
    }

    @Test
    void a_data_set_name_must_be_a_literal() {
        PolicyEngine engine = PolicyEngine.builder().dataSet(PolicyDataSet.of("a", List.of())).build();
        assertThatThrownBy(() -> engine.load(yaml("x.yaml", set("x", """
                  - id: computed-name
                    plane: action-boundary
                    on: [TOOL_CALL]
                    when: dataset.contains(tool.name, args.recipient)
                    decision: deny
                """)))).isInstanceOf(PolicyLoadException.class).hasMessageContaining(PolicyCodes.UNKNOWN_DATA_SET)
                .hasMessageContaining("string literal");
    }

    @Test
    void a_data_set_that_fails_makes_the_plane_deny_even_under_a_negated_condition() {
        PolicyDataSet down = new PolicyDataSet() {
            @Override
            public String name() {
                return "known-payees";
            }

            @Override
            public Collection<String> values(String tenant, String user) {
                throw new IllegalStateException("payee store unavailable");
            }
        };
        Decision d = pay(engine(down, PolicyDataSet.of("blocked-ibans", List.of())), "alice",
                "DE02120300000000202051");
        assertThat(d).isInstanceOf(Decision.Failure.class);
        assertThat(((Decision.Failure) d).code()).isEqualTo(PolicyCodes.EVALUATION_ERROR);
    }

    @Test
    void two_data_sets_with_one_name_are_refused() {
        assertThatThrownBy(() -> PolicyEngine.builder().dataSet(PolicyDataSet.of("a", List.of()))
                .dataSet(PolicyDataSet.of("a", List.of("x"))).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two data sets are named 'a'");
    }
}
