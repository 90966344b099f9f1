package dev.warden.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallRepeatsTest {
    final CallRepeats repeats = new CallRepeats(Clock.systemUTC());

    private static Map<String, Object> transfer(Object recipient, Object amount) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recipient", recipient);
        m.put("amount", amount);
        return m;
    }

    @Test
    void the_same_transfer_in_other_spellings_counts_as_a_repeat() {
        repeats.executed("run", "send_money", transfer("DE89 3704 0044 0532 0130 00", 100), true);
        for (Object amount : List.of(100, 100.0, "100", "100.00", 100L)) {
            assertThat(repeats.count("run", 1, "send_money", transfer("de89370400440532013000", amount)))
                    .as("amount %s", amount).isEqualTo(1);
        }
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("amount", 100);
        reordered.put("recipient", "DE89370400440532013000");
        assertThat(repeats.count("run", 1, "send_money", reordered)).isEqualTo(1);
        repeats.executed("run", "send_money", transfer("DE89370400440532013000", "100.0"), true);
        assertThat(repeats.count("run", 2, "send_money", transfer("DE89370400440532013000", 100))).isEqualTo(2);
    }

    @Test
    void another_amount_payee_or_tool_is_not_a_repeat() {
        repeats.executed("run", "send_money", transfer("DE89370400440532013000", 100), true);
        assertThat(repeats.count("run", 1, "send_money", transfer("DE89370400440532013000", 100.01))).isZero();
        assertThat(repeats.count("run", 1, "send_money", transfer("GB29NWBK60161331926819", 100))).isZero();
        assertThat(repeats.count("run", 1, "schedule_transaction", transfer("DE89370400440532013000", 100))).isZero();
    }

    @Test
    void calls_that_did_not_complete_are_not_counted() {
        repeats.executed("run", "send_money", transfer("DE89370400440532013000", 100), false); // the tool failed
        assertThat(repeats.count("run", 1, "send_money", transfer("DE89370400440532013000", 100))).isZero();
    }

    @Test
    void calls_of_other_runs_are_not_counted() {
        repeats.executed("run-a", "send_money", transfer("DE89370400440532013000", 100), true);
        assertThat(repeats.count("run-b", 0, "send_money", transfer("DE89370400440532013000", 100))).isZero();
    }

    @Test
    void an_unknown_count_is_absent_and_never_zero() {
        assertThat(repeats.count(null, 0, "send_money", transfer("DE89370400440532013000", 100))).isNull();
        // the run says it executed a call this instance never saw (restarted while it waited for a confirmation)
        assertThat(repeats.count("resumed", 1, "send_money", transfer("DE89370400440532013000", 100))).isNull();
        repeats.executed("partly", "get_balance", Map.of(), true);
        assertThat(repeats.count("partly", 2, "send_money", transfer("DE89370400440532013000", 100))).isNull();
    }

    @Test
    void a_forgotten_run_that_executed_calls_has_an_unknown_count() {
        TestClock clock = TestClock.at("2026-12-05T12:00:00Z");
        CallRepeats short_ = new CallRepeats(clock, 10, Duration.ofMinutes(5));
        short_.executed("run", "send_money", transfer("DE89370400440532013000", 100), true);
        clock.advance(Duration.ofMinutes(6));
        assertThat(short_.count("run", 1, "send_money", transfer("DE89370400440532013000", 100))).isNull();
    }

    @Test
    void too_many_distinct_calls_make_the_count_unknown() {
        for (int i = 0; i <= CallRepeats.MAX_CALLS_PER_RUN; i++) {
            repeats.executed("run", "get_balance", Map.of("i", i), true);
        }
        assertThat(repeats.count("run", 0, "get_balance", Map.of("i", 1))).isNull();
    }
}
