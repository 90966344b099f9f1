package dev.warden.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Effect;
import dev.warden.core.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallRepeatsTest {
    static final Set<Effect> MONEY = Set.of(Effect.FINANCIAL, Effect.WRITE);
    static final String IBAN = "DE89370400440532013000";
    final CallRepeats repeats = new CallRepeats(Clock.systemUTC());

    private static Map<String, Object> transfer(Object recipient, Object amount, String subject) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recipient", recipient);
        m.put("amount", amount);
        m.put("subject", subject);
        return m;
    }

    private void sent(String run, Map<String, Object> args) {
        repeats.executed(run, "send_money", MONEY, args, true);
    }

    private CallRepeats.Counts count(String run, int calls, String tool, Map<String, Object> args) {
        return repeats.count(run, calls, tool, MONEY, args);
    }

    @Test
    void the_same_transfer_in_other_spellings_counts_as_a_repeat() {
        sent("run", transfer("DE89 3704 0044 0532 0130 00", 100, "Rent"));
        for (Object amount : List.of(100, 100.0, "100", "100.00", 100L)) {
            assertThat(count("run", 1, "send_money", transfer("de89370400440532013000", amount, " rent ")))
                    .as("amount %s", amount).isEqualTo(new CallRepeats.Counts(1, 1));
        }
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("subject", "rent");
        reordered.put("amount", 100);
        reordered.put("recipient", IBAN);
        assertThat(count("run", 1, "send_money", reordered).same()).isEqualTo(1);
        sent("run", transfer(IBAN, "100.0", "rent"));
        assertThat(count("run", 2, "send_money", transfer(IBAN, 100, "rent")).same()).isEqualTo(2);
    }

    @Test
    void a_new_subject_or_date_or_scheduling_instead_of_sending_is_a_similar_call_not_the_same() {
        sent("run", transfer(IBAN, 100, "rent"));
        Map<String, Object> scheduled = transfer(IBAN, 100, "rent, again");
        scheduled.put("date", "2026-12-24");
        scheduled.put("recurring", true);
        assertThat(count("run", 1, "send_money", transfer(IBAN, 100, "rent december")))
                .isEqualTo(new CallRepeats.Counts(0, 1));
        assertThat(count("run", 1, "schedule_transaction", scheduled)).isEqualTo(new CallRepeats.Counts(0, 1));
        // a tool with other effects is not similar, whatever its values
        assertThat(repeats.count("run", 1, "log_note", Set.of(Effect.WRITE), transfer(IBAN, 100, "rent")))
                .isEqualTo(new CallRepeats.Counts(0, 0));
    }

    @Test
    void another_amount_or_payee_is_not_a_repeat() {
        sent("run", transfer(IBAN, 100, "rent"));
        assertThat(count("run", 1, "send_money", transfer(IBAN, 100.01, "rent"))).isEqualTo(new CallRepeats.Counts(0, 0));
        assertThat(count("run", 1, "send_money", transfer("GB29NWBK60161331926819", 100, "rent")))
                .isEqualTo(new CallRepeats.Counts(0, 0));
    }

    @Test
    void calls_that_did_not_complete_are_not_counted() {
        repeats.executed("run", "send_money", MONEY, transfer(IBAN, 100, "rent"), false); // the tool failed
        assertThat(count("run", 1, "send_money", transfer(IBAN, 100, "rent"))).isEqualTo(new CallRepeats.Counts(0, 0));
    }

    @Test
    void calls_of_other_runs_are_not_counted() {
        sent("run-a", transfer(IBAN, 100, "rent"));
        assertThat(count("run-b", 0, "send_money", transfer(IBAN, 100, "rent"))).isEqualTo(new CallRepeats.Counts(0, 0));
    }

    @Test
    void an_unknown_count_is_absent_and_never_zero() {
        assertThat(count(null, 0, "send_money", transfer(IBAN, 100, "rent"))).isNull();
        // the run says it executed a call this instance never saw (restarted while it waited for a confirmation)
        assertThat(count("resumed", 1, "send_money", transfer(IBAN, 100, "rent"))).isNull();
        repeats.executed("partly", "get_balance", Set.of(Effect.READ), Map.of(), true);
        assertThat(count("partly", 2, "send_money", transfer(IBAN, 100, "rent"))).isNull();
    }

    @Test
    void a_forgotten_run_that_executed_calls_has_an_unknown_count() {
        TestClock clock = TestClock.at("2026-12-05T12:00:00Z");
        CallRepeats short_ = new CallRepeats(clock, 10, Duration.ofMinutes(5));
        short_.executed("run", "send_money", MONEY, transfer(IBAN, 100, "rent"), true);
        clock.advance(Duration.ofMinutes(6));
        assertThat(short_.count("run", 1, "send_money", MONEY, transfer(IBAN, 100, "rent"))).isNull();
    }

    @Test
    void a_run_forgotten_then_remembered_again_stays_unknown_even_when_its_count_catches_up() {
        TestClock clock = TestClock.at("2026-12-05T12:00:00Z");
        CallRepeats busy = new CallRepeats(clock, 1, Duration.ofHours(1));
        busy.executed("run", 0, "send_money", MONEY, transfer(IBAN, 100, "rent"), true);
        busy.executed("other-run", 0, "get_balance", Set.of(Effect.READ), Map.of(), true); // evicts "run"
        // the run (one call made) relays a delegate's confirmation: counted twice, once waiting, once run
        busy.executed("run", 1, "ask_desk", Set.of(), Map.of("q", "ok?"), true);
        busy.executed("run", 1, "ask_desk", Set.of(), Map.of("q", "ok?"), true);
        assertThat(busy.count("run", 2, "send_money", MONEY, transfer(IBAN, 100, "rent"))).as("here").isNull();
        CallRepeats elsewhere = new CallRepeats(clock);
        elsewhere.restore("run", busy.memory("run"));
        assertThat(elsewhere.count("run", 2, "send_money", MONEY, transfer(IBAN, 100, "rent"))).as("resumed elsewhere")
                .isNull();
    }

    @Test
    void too_many_distinct_calls_make_the_count_unknown() {
        for (int i = 0; i <= CallRepeats.MAX_CALLS_PER_RUN; i++) {
            repeats.executed("run", "get_balance", Set.of(), Map.of("i", i), true);
        }
        assertThat(repeats.count("run", 0, "get_balance", Set.of(), Map.of("i", 1))).isNull();
    }

    @Test
    void a_runs_memory_taken_to_another_instance_gives_the_same_counts_there() {
        sent("run", transfer(IBAN, 100, "rent"));
        repeats.executed("run", "get_balance", Set.of(Effect.READ), Map.of(), true);
        CallRepeats elsewhere = new CallRepeats(Clock.systemUTC());
        assertThat(elsewhere.count("run", 2, "send_money", MONEY, transfer(IBAN, 100, "rent"))).as("unknown there")
                .isNull();

        elsewhere.restore("run", repeats.memory("run"));
        assertThat(elsewhere.count("run", 2, "send_money", MONEY, transfer(IBAN, 100, "rent")))
                .isEqualTo(new CallRepeats.Counts(1, 1));
        assertThat(repeats.memory("other-run")).as("a run this instance does not know").isNull();
        elsewhere.restore("run-2", null);
        assertThat(elsewhere.count("run-2", 1, "send_money", MONEY, transfer(IBAN, 100, "rent"))).isNull();
    }

    @Test
    void a_restored_memory_replaces_a_stale_one_and_an_overflowed_run_stays_unknown() {
        CallRepeats stale = new CallRepeats(Clock.systemUTC());
        stale.executed("run", "send_money", MONEY, transfer(IBAN, 5, "old"), true);
        sent("run", transfer(IBAN, 100, "rent"));
        sent("run", transfer(IBAN, 100, "rent"));
        stale.restore("run", repeats.memory("run"));
        assertThat(stale.count("run", 2, "send_money", MONEY, transfer(IBAN, 100, "rent")).same()).isEqualTo(2);
        assertThat(stale.count("run", 2, "send_money", MONEY, transfer(IBAN, 5, "old")).same()).isZero();

        CallRepeats full = new CallRepeats(Clock.systemUTC());
        full.restore("run", new CallRepeats.Memory(3, true, Map.of("x", 1)));
        assertThat(full.memory("run").counts()).isEmpty();
        assertThat(full.count("run", 3, "send_money", MONEY, transfer(IBAN, 100, "rent"))).isNull();
    }
}
