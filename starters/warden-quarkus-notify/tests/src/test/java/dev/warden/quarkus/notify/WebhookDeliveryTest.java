package dev.warden.quarkus.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhooks over real HTTP: signed, retried after 5xx with the same idempotency key, bounded by a timeout. */
class WebhookDeliveryTest {
    static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    final List<WebhookReceiver> receivers = new ArrayList<>();

    @AfterEach
    void stop() {
        receivers.forEach(WebhookReceiver::close);
    }

    WebhookReceiver receiver(int delayMillis) throws Exception {
        WebhookReceiver r = new WebhookReceiver(new java.util.concurrent.LinkedBlockingQueue<>(),
                new java.util.concurrent.ConcurrentLinkedQueue<>(), delayMillis);
        receivers.add(r);
        return r;
    }

    static Deliveries deliveries(WebhookReceiver r, int retries, Duration timeout) {
        WebhookSender sender = new WebhookSender("ops", URI.create(r.url()), "k1", WebhookSignature.ofBase64(KEY),
                timeout, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), Clock.systemUTC());
        Map<String, Function<Delivery, io.smallrye.mutiny.Uni<Void>>> channels = Map.of(sender.channel(),
                sender::send);
        return new Deliveries(channels, retries, Duration.ofMillis(20), Duration.ofMillis(100), 0.2);
    }

    static Delivery delivery() {
        return Delivery.of(Notices.requested("ap-1"), "webhook:ops", List.of());
    }

    @Test
    void the_body_is_signed_over_id_timestamp_and_body_with_the_configured_key() throws Exception {
        WebhookReceiver r = receiver(0);
        deliveries(r, 0, Duration.ofSeconds(5)).deliver(delivery()).await().atMost(Duration.ofSeconds(10));
        Map<String, String> got = r.received.poll();
        assertThat(got).isNotNull();
        assertThat(got.get("warden-key-id")).isEqualTo("k1");
        assertThat(got.get("content-type")).isEqualTo("application/json");
        long ts = Long.parseLong(got.get("webhook-timestamp"));
        WebhookSignature key = WebhookSignature.ofBase64("whsec_" + KEY);
        assertThat(key.verify(got.get("webhook-id"), ts, got.get("body"), got.get("webhook-signature"))).isTrue();
        // a changed body, id or timestamp does not verify; nor does another key
        assertThat(key.verify(got.get("webhook-id"), ts, got.get("body").replace("send_money", "get_balance"),
                got.get("webhook-signature"))).isFalse();
        assertThat(key.verify("ap-2:requested/webhook:ops", ts, got.get("body"), got.get("webhook-signature")))
                .isFalse();
        assertThat(key.verify(got.get("webhook-id"), ts + 1, got.get("body"), got.get("webhook-signature")))
                .isFalse();
        assertThat(WebhookSignature.ofBase64(Base64.getEncoder().encodeToString(new byte[32]))
                .verify(got.get("webhook-id"), ts, got.get("body"), got.get("webhook-signature"))).isFalse();
        assertThat(ApprovalNotice.fromJson(got.get("body"))).isEqualTo(delivery().notice());
    }

    @Test
    void retries_after_500s_with_the_same_idempotency_key_until_the_receiver_accepts() throws Exception {
        WebhookReceiver r = receiver(0);
        r.statuses.addAll(List.of(500, 503, 502));
        deliveries(r, 4, Duration.ofSeconds(5)).deliver(delivery()).await().atMost(Duration.ofSeconds(10));
        List<Map<String, String>> got = new ArrayList<>(r.received);
        assertThat(got).hasSize(4);
        assertThat(got).extracting(m -> m.get("idempotency-key")).containsOnly("ap-1:requested/webhook:ops");
        assertThat(got).extracting(m -> m.get("webhook-id")).containsOnly("ap-1:requested/webhook:ops");
        WebhookSignature key = WebhookSignature.ofBase64(KEY);
        assertThat(got).allSatisfy(m -> assertThat(key.verify(m.get("webhook-id"),
                Long.parseLong(m.get("webhook-timestamp")), m.get("body"), m.get("webhook-signature"))).isTrue());
    }

    @Test
    void gives_up_after_the_configured_retries() throws Exception {
        WebhookReceiver r = receiver(0);
        r.statuses.addAll(List.of(500, 500, 500, 500));
        assertThatThrownBy(() -> deliveries(r, 2, Duration.ofSeconds(5)).deliver(delivery()).await()
                .atMost(Duration.ofSeconds(10))).isInstanceOf(DeliveryException.class).hasMessageContaining("500");
        assertThat(r.received).hasSize(3);
    }

    @Test
    void a_4xx_refusal_is_final_and_not_retried() throws Exception {
        WebhookReceiver r = receiver(0);
        r.statuses.add(401);
        assertThatThrownBy(() -> deliveries(r, 4, Duration.ofSeconds(5)).deliver(delivery()).await()
                .atMost(Duration.ofSeconds(10))).isInstanceOfSatisfying(DeliveryException.class,
                        e -> assertThat(e.retryable()).isFalse());
        assertThat(r.received).hasSize(1);
    }

    @Test
    void a_receiver_that_does_not_answer_in_time_counts_as_a_failed_attempt() throws Exception {
        WebhookReceiver r = receiver(10_000);
        long start = System.nanoTime();
        assertThatThrownBy(() -> deliveries(r, 1, Duration.ofMillis(200)).deliver(delivery()).await()
                .atMost(Duration.ofSeconds(10))).isInstanceOf(DeliveryException.class);
        // two 200 ms attempts and a short backoff; far below the receiver's 10 s, with room for a loaded machine
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        long deadline = System.nanoTime() + 5_000_000_000L; // the receiver records a request on its own thread
        while (r.received.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(r.received).hasSize(2);
    }

    @Test
    void the_worst_case_of_a_delivery_counts_every_attempt_and_every_doubled_wait() {
        Deliveries d = new Deliveries(Map.of(), 4, Duration.ofSeconds(1), Duration.ofSeconds(5), 0.2);
        // 5 attempts of 5 s, waits of 1, 2, 4, 5 s each counted twice for jitter
        assertThat(d.worstCase(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(25 + 2 * (1 + 2 + 4 + 5)));
    }

    @Test
    void keys_shorter_than_32_bytes_or_not_base64_are_refused() {
        assertThatThrownBy(() -> WebhookSignature.ofBase64(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> WebhookSignature.ofBase64("not base64 !")).hasMessageContaining("base64");
    }
}
