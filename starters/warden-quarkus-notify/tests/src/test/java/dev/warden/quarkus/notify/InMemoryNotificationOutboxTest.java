package dev.warden.quarkus.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.testing.TestClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The single-process outbox: one entry per delivery id, leases, and a bound that refuses rather than grows. */
class InMemoryNotificationOutboxTest {
    final TestClock clock = TestClock.at("2026-12-05T10:00:00Z");

    static Delivery delivery(String approvalId) {
        return Delivery.of(Notices.requested(approvalId), "webhook:ops", List.of());
    }

    @Test
    void the_same_delivery_added_twice_is_kept_once() {
        var outbox = new InMemoryNotificationOutbox(10, clock);
        assertThat(outbox.add(List.of(delivery("a")))).hasSize(1);
        assertThat(outbox.add(List.of(delivery("a")))).isEmpty();
        assertThat(outbox.knows("a:requested")).isTrue();
        assertThat(outbox.knows("b:requested")).isFalse();
    }

    @Test
    void a_claimed_delivery_is_not_handed_out_again_until_its_lease_ends_and_never_once_sent() {
        var outbox = new InMemoryNotificationOutbox(10, clock);
        outbox.add(List.of(delivery("a"), delivery("b")));
        assertThat(outbox.claim(1, Duration.ofMinutes(1))).extracting(Delivery::id).containsExactly(
                "a:requested/webhook:ops");
        assertThat(outbox.claim(5, Duration.ofMinutes(1))).extracting(Delivery::id).containsExactly(
                "b:requested/webhook:ops");
        assertThat(outbox.claim(5, Duration.ofMinutes(1))).isEmpty();
        outbox.sent("a:requested/webhook:ops");
        clock.advance(Duration.ofMinutes(2));
        assertThat(outbox.claim(5, Duration.ofMinutes(1))).extracting(Delivery::id).containsExactly(
                "b:requested/webhook:ops");
    }

    @Test
    void a_full_outbox_forgets_settled_deliveries_first_and_refuses_when_all_are_waiting() {
        var outbox = new InMemoryNotificationOutbox(2, clock);
        outbox.add(List.of(delivery("a"), delivery("b")));
        outbox.failed("a:requested/webhook:ops", "gone");
        assertThat(outbox.add(List.of(delivery("c")))).hasSize(1);
        assertThatThrownBy(() -> outbox.add(List.of(delivery("d")))).hasMessageContaining(NotifyCodes.QUEUE_FULL);
    }
}
