package dev.warden.plane.external;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Decision;
import dev.warden.core.testing.TimerKeepingPool;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The plane's time limit on the PDP releases its timer when the PDP answers (decision 0077): with Mutiny's default
 * pool keeping cancelled timers (as Quarkus' does), answers long before the limit leave nothing queued; and a PDP that
 * does not answer in time still blocks the call.
 */
class ExternalPlaneTimersTest {
    private final TimerKeepingPool defaultPool = TimerKeepingPool.installAsMutinyDefault();
    private final AuthZenServer pdp;

    ExternalPlaneTimersTest() throws Exception {
        pdp = new AuthZenServer();
    }

    @AfterEach
    void stop() {
        defaultPool.close();
        pdp.close();
    }

    private Decision ask(ExternalDecisionPlane plane, int amount) {
        return plane.evaluateAsync(ExternalDecisionPlaneTest.call("send_money", Map.of("amount", amount)),
                ExternalDecisionPlaneTest.ctx("alice", "customer")).await().atMost(Duration.ofSeconds(60));
    }

    @Test
    void answers_before_the_timeout_leave_no_timer_queued() {
        ExternalDecisionPlane plane = ExternalDecisionPlane.builder(pdp.base()).timeout(Duration.ofMinutes(10))
                .noCache().build();
        for (int i = 0; i < 20; i++) {
            assertThat(ask(plane, i)).isInstanceOf(Decision.Allow.class);
            assertThat(ask(plane, 5_000 + i)).isInstanceOf(Decision.Deny.class);
        }
        assertThat(defaultPool.timersDueAfter(Duration.ofMinutes(1))).as("cancelled PDP timers kept").isZero();
    }

    @Test
    void a_pdp_that_does_not_answer_within_the_timeout_blocks_the_call() {
        pdp.answer(req -> new AuthZenServer.Reply(200, "{\"decision\":true}", 5_000));
        Decision d = ask(ExternalDecisionPlane.builder(pdp.base()).timeout(Duration.ofMillis(200)).noCache().build(),
                1);
        assertThat(d).isInstanceOfSatisfying(Decision.Failure.class,
                f -> assertThat(f.code()).isEqualTo(PdpCodes.TIMEOUT));
    }
}
