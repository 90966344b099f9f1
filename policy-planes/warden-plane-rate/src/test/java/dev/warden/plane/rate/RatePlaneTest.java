package dev.warden.plane.rate;

import static dev.warden.plane.rate.RateFixtures.alice;
import static dev.warden.plane.rate.RateFixtures.ctx;
import static dev.warden.plane.rate.RateFixtures.sendMoney;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.action.BudgetStore;
import dev.warden.action.JdbcBudgetStore;
import dev.warden.action.InMemoryBudgetStore;
import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Outcome;
import dev.warden.core.Verdict;
import dev.warden.core.testing.TestClock;
import dev.warden.core.testing.TestPlanes;
import dev.warden.policy.PolicySource;
import dev.warden.spi.PolicyPlane;
import dev.warden.spi.Settlement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RatePlaneTest {
    final TestClock clock = TestClock.at("2026-12-04T10:00:00Z");
    final InMemoryBudgetStore store = new InMemoryBudgetStore(clock);
    final RatePlane rate = RatePlane.builder().engine(RateFixtures.engine(clock)).budgetStore(store).clock(clock)
            .build();

    /** Checks a call and, when it may proceed, reports that the tool ran (what the tool executor seam does). */
    static Verdict run(Governor g, CheckpointRequest r, GovernanceContext c) {
        Verdict v = g.check(r, c);
        if (v.proceeds()) {
            g.committed(r, c, v);
        }
        return v;
    }

    Governor governor(PolicyPlane... others) {
        Governor.Builder b = Governor.builder().plane(rate).clock(clock);
        for (PolicyPlane p : others) {
            b.plane(p);
        }
        return b.build();
    }

    @Test
    void denies_the_sixth_send_money_of_a_user_within_an_hour() {
        Governor g = governor();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(5));
            assertThat(run(g, sendMoney(10), alice()).outcome()).isEqualTo(Outcome.ALLOW);
        }
        Verdict sixth = run(g, sendMoney(10), alice());
        assertThat(sixth.outcome()).isEqualTo(Outcome.DENY);
        assertThat(sixth.code()).isEqualTo(RateCodes.RATE_EXCEEDED);
        assertThat(sixth.ruleIds()).containsExactly("send-money-5-per-user-hour");
        assertThat(sixth.reason()).contains("user=acme/alice").contains("5 of 5 per user per PT1H");
    }

    @Test
    void a_call_denied_by_another_plane_does_not_consume_quota() {
        PolicyPlane noBigTransfers = TestPlanes.of("limits", 200, EnumSet.of(Checkpoint.TOOL_CALL),
                (r, c) -> ((Integer) r.arguments().get("amount")) > 1000 ? Decision.deny("limits", "too much")
                        : Decision.allow("limits"));
        Governor g = governor(noBigTransfers);
        for (int i = 0; i < 20; i++) {
            assertThat(run(g, sendMoney(5000), alice()).outcome()).isEqualTo(Outcome.DENY);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(run(g, sendMoney(10), alice()).outcome()).as("call %d", i).isEqualTo(Outcome.ALLOW);
        }
        assertThat(run(g, sendMoney(10), alice()).code()).isEqualTo(RateCodes.RATE_EXCEEDED);
        assertThat(rate.pendingCalls()).isZero();
    }

    @Test
    void a_refused_approval_releases_the_unit_and_an_approved_one_keeps_it() {
        PolicyPlane approval = TestPlanes.of("approvals", 200, EnumSet.of(Checkpoint.TOOL_CALL),
                (r, c) -> Decision.requireApproval("big transfer", Set.of("manager"), Duration.ofHours(1),
                        Basis.of("approvals")));
        Governor g = governor(approval);
        CheckpointRequest refusedCall = sendMoney(10);
        assertThat(g.check(refusedCall, alice()).outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
        assertThat(used()).isEqualTo(1); // held while the approver decides
        g.aborted(refusedCall, alice(), null, Settlement.Abort.REFUSED, "denied by bob");
        assertThat(used()).isZero();

        CheckpointRequest approvedCall = sendMoney(10);
        g.check(approvedCall, alice());
        g.committed(approvedCall, alice(), null);
        assertThat(used()).isEqualTo(1);
        assertThat(rate.pendingCalls()).isZero();
    }

    @Test
    void a_tool_that_failed_gives_its_unit_back() {
        Governor g = governor();
        CheckpointRequest call = sendMoney(10);
        assertThat(g.check(call, alice()).proceeds()).isTrue();
        g.aborted(call, alice(), null, Settlement.Abort.ACTION_FAILED, "bank unreachable");
        assertThat(used()).isZero();
    }

    @Test
    void the_window_slides_rather_than_resetting_on_the_hour() {
        Governor g = governor();
        clock.advance(Duration.ofMinutes(50)); // 10:50
        for (int i = 0; i < 5; i++) {
            run(g, sendMoney(10), alice());
        }
        clock.advance(Duration.ofMinutes(20)); // 11:10: a fixed hourly window would have reset
        assertThat(run(g, sendMoney(10), alice()).code()).isEqualTo(RateCodes.RATE_EXCEEDED);
        clock.advance(Duration.ofMinutes(46)); // 11:56: the 10:50 calls left the window (6-minute resolution)
        assertThat(run(g, sendMoney(10), alice()).outcome()).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void never_more_than_the_limit_in_any_window_of_its_length() {
        Governor g = governor();
        Instant start = clock.instant();
        java.util.List<Instant> granted = new java.util.ArrayList<>();
        for (int minute = 0; minute < 300; minute++) {
            if (run(g, sendMoney(1), alice()).proceeds()) {
                granted.add(clock.instant());
            }
            clock.advance(Duration.ofMinutes(1));
        }
        for (Instant t : granted) {
            long inWindow = granted.stream().filter(o -> !o.isBefore(t) && o.isBefore(t.plus(Duration.ofHours(1))))
                    .count();
            assertThat(inWindow).as("calls in the hour from %s", t).isLessThanOrEqualTo(5);
        }
        assertThat(granted).hasSizeGreaterThanOrEqualTo(20); // it does let calls through again: 5 per ~66 minutes
        assertThat(granted.get(0)).isEqualTo(start);
    }

    @Test
    void quotas_are_per_user_and_a_per_tool_limit_counts_each_agent_and_tool_apart() {
        Governor g = governor();
        for (int i = 0; i < 5; i++) {
            run(g, sendMoney(10), alice());
        }
        assertThat(run(g, sendMoney(10), alice()).proceeds()).isFalse();
        assertThat(run(g, sendMoney(10), ctx("bob", "banking-assistant")).proceeds()).isTrue();
        // per user: another agent acting for alice shares her send_money quota
        assertThat(run(g, sendMoney(10), ctx("alice", "other-agent")).proceeds()).isFalse();
        for (int i = 0; i < 50; i++) {
            assertThat(run(g, RateFixtures.call("get_balance", null), alice()).proceeds()).isTrue();
        }
        assertThat(run(g, RateFixtures.call("get_balance", null), alice()).ruleIds())
                .containsExactly("any-tool-50-per-minute");
        assertThat(run(g, RateFixtures.call("get_balance", null), ctx("alice", "other-agent")).proceeds()).isTrue();
        assertThat(run(g, RateFixtures.call("get_iban", null), alice()).proceeds()).isTrue();
    }

    @Test
    void a_call_over_one_limit_takes_nothing_from_the_others() {
        Governor g = governor();
        for (int i = 0; i < 5; i++) {
            run(g, sendMoney(10), alice());
        }
        String perTool = "rate:payments-rates/any-tool-50-per-minute";
        long before = store.usedBetween(perTool, "user=acme/alice|agent=banking-assistant|tool=send_money",
                0, Long.MAX_VALUE / 2, Long.MAX_VALUE / 4);
        assertThat(run(g, sendMoney(10), alice()).proceeds()).isFalse();
        long after = store.usedBetween(perTool, "user=acme/alice|agent=banking-assistant|tool=send_money",
                0, Long.MAX_VALUE / 2, Long.MAX_VALUE / 4);
        assertThat(after).isEqualTo(before);
    }

    @Test
    void a_store_that_cannot_answer_blocks_the_call() {
        // a real PostgreSQL store whose server is not there: nothing listens on port 1
        org.postgresql.ds.PGSimpleDataSource nowhere = new org.postgresql.ds.PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/warden?connectTimeout=1");
        BudgetStore down = new JdbcBudgetStore(nowhere, clock);
        RatePlane plane = RatePlane.builder().engine(RateFixtures.engine(clock)).budgetStore(down).clock(clock)
                .build();
        Verdict v = Governor.builder().plane(plane).build().check(sendMoney(10), alice());
        assertThat(v.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(v.code()).isEqualTo(RateCodes.STORE_UNAVAILABLE);
        assertThat(v.ruleIds()).contains("send-money-5-per-user-hour");
    }

    @Test
    void an_invalid_limit_is_reported_with_its_line_and_blocks_the_calls_it_matches() {
        RatePlane plane = RatePlane.builder().engine(RateFixtures.engine(clock, new PolicySource("bad.yaml", """
                apiVersion: warden.dev/v1
                kind: PolicySet
                metadata: { name: bad-rates, version: 1 }
                rules:
                  - id: typo
                    plane: rate
                    on: [TOOL_CALL]
                    when: tool.name == "send_money"
                    decision: allow
                    obligations:
                      - {type: rate-limit, limit: five, per: user, window: 1h}
                  - id: meters-nothing
                    plane: rate
                    on: [TOOL_CALL]
                    when: tool.name == "get_balance"
                    decision: allow
                """))).budgetStore(store).clock(clock).build();
        assertThat(plane.problems()).extracting(p -> p.ruleId() + "@" + p.line())
                .containsExactly("typo@5", "meters-nothing@12");
        assertThat(plane.problems().get(0).message()).contains("'limit' must be a whole number, got 'five'");
        Verdict v = Governor.builder().plane(plane).build().check(sendMoney(10), alice());
        assertThat(v.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(v.code()).isEqualTo(RateCodes.INVALID_RATE_RULE);
    }

    @Test
    void a_reload_that_changes_a_limit_applies_to_the_next_call() {
        var engine = RateFixtures.engine(clock);
        RatePlane plane = RatePlane.builder().engine(engine).budgetStore(store).clock(clock).build();
        Governor g = Governor.builder().plane(plane).build();
        for (int i = 0; i < 5; i++) {
            run(g, sendMoney(10), alice());
        }
        engine.load(new PolicySource("classpath:" + RateFixtures.RATES, """
                apiVersion: warden.dev/v1
                kind: PolicySet
                metadata: { name: payments-rates, version: 2 }
                removedRules: [any-tool-50-per-minute]
                rules:
                  - id: send-money-5-per-user-hour
                    plane: rate
                    on: [TOOL_CALL]
                    when: tool.name == "send_money"
                    decision: allow
                    obligations:
                      - {type: rate-limit, limit: 7, per: user, window: 1h}
                """));
        assertThat(run(g, sendMoney(10), alice()).proceeds()).isTrue();
        assertThat(run(g, sendMoney(10), alice()).proceeds()).isTrue();
        assertThat(run(g, sendMoney(10), alice()).proceeds()).isFalse();
    }

    private long used() {
        return store.usedBetween("rate:payments-rates/send-money-5-per-user-hour", "user=acme/alice",
                clock.millis() - Duration.ofHours(2).toMillis(), clock.millis() + 1, 360_000);
    }

    @Test
    void other_obligations_of_a_rate_rule_reach_the_runtime_and_the_limit_does_not() {
        RatePlane plane = RatePlane.builder().engine(RateFixtures.engine(clock, new PolicySource("notify.yaml", """
                apiVersion: warden.dev/v1
                kind: PolicySet
                metadata: { name: notify-rates, version: 1 }
                rules:
                  - id: transfers-limited-and-notified
                    plane: rate
                    on: [TOOL_CALL]
                    when: tool.name == "send_money"
                    decision: allow
                    obligations:
                      - {type: rate-limit, limit: 2, per: user, window: 1h}
                      - notify-security
                """))).budgetStore(store).clock(clock).build();
        Verdict v = Governor.builder().plane(plane).build().check(sendMoney(10), alice());
        assertThat(v.outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(v.obligations()).extracting(dev.warden.core.Obligation::type).containsExactly("notify-security");
        assertThat(v.ruleIds()).containsExactly("transfers-limited-and-notified");
    }
}
