package dev.warden.quarkus.notify;

import io.smallrye.mutiny.Uni;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * Posts a notice to one webhook: JSON body, signed ({@link WebhookSignature}), with the delivery id as
 * {@code webhook-id} and {@code Idempotency-Key} (the same on every retry and from every replica, so a receiver that
 * saw it already can drop it) and the key id as {@code Warden-Key-Id}. One attempt per subscription — retries are the
 * caller's ({@link Deliveries}); each attempt is re-signed with its own timestamp.
 */
final class WebhookSender {
    private final String name;
    private final URI url;
    private final String keyId;
    private final WebhookSignature signature;
    private final Duration timeout;
    private final HttpClient client;
    private final Clock clock;

    WebhookSender(String name, URI url, String keyId, WebhookSignature signature, Duration timeout, HttpClient client,
            Clock clock) {
        this.name = name;
        this.url = url;
        this.keyId = keyId;
        this.signature = signature;
        this.timeout = timeout;
        this.client = client;
        this.clock = clock;
    }

    String channel() {
        return Delivery.WEBHOOK_PREFIX + name;
    }

    Uni<Void> send(Delivery d) {
        return Uni.createFrom().deferred(() -> {
            String body = d.notice().toJson();
            long ts = clock.instant().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("webhook-id", d.id())
                    .header("webhook-timestamp", Long.toString(ts))
                    .header("webhook-signature", signature.sign(d.id(), ts, body))
                    .header("Idempotency-Key", d.id())
                    .header("Warden-Key-Id", keyId)
                    .header("Warden-Event", d.notice().event().key())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return Uni.createFrom().completionStage(() -> client.sendAsync(request,
                    HttpResponse.BodyHandlers.discarding()));
        }).onFailure(e -> !(e instanceof DeliveryException)).transform(e -> new DeliveryException(
                "webhook " + name + ": " + e, true, e))
                .map(response -> {
                    int status = response.statusCode();
                    if (status >= 200 && status < 300) {
                        return null;
                    }
                    boolean retryable = status >= 500 || status == 408 || status == 429;
                    throw new DeliveryException("webhook " + name + " answered " + status, retryable, null);
                });
    }
}
