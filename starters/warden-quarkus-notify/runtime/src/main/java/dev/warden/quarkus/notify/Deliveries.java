package dev.warden.quarkus.notify;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Sends a delivery on its channel with Mutiny's retry: exponential back-off from {@code initial} up to {@code max},
 * with {@code jitter}, at most {@code maxRetries} times, and only for failures worth retrying (a receiver's 4xx other
 * than 408/429 is final). Every attempt of a delivery carries the same idempotency key.
 */
final class Deliveries {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Deliveries.class);
    private final Map<String, Function<Delivery, Uni<Void>>> channels;
    private final int maxRetries;
    private final Duration initial;
    private final Duration max;
    private final double jitter;

    Deliveries(Map<String, Function<Delivery, Uni<Void>>> channels, NotifyConfig.Retry retry) {
        this(channels, retry.maxRetries(), retry.initialBackoff(), retry.maxBackoff(), retry.jitter());
    }

    Deliveries(Map<String, Function<Delivery, Uni<Void>>> channels, int maxRetries, Duration initial, Duration max,
            double jitter) {
        this.channels = Map.copyOf(channels);
        this.maxRetries = Math.max(0, maxRetries);
        this.initial = initial;
        this.max = max;
        this.jitter = Math.max(0, Math.min(1, jitter));
    }

    /** Whether a channel of this name is configured. */
    boolean has(String channel) {
        return channels.containsKey(channel);
    }

    /** Sends with retries; fails with the last {@link DeliveryException} when giving up. */
    Uni<Void> deliver(Delivery d) {
        Function<Delivery, Uni<Void>> channel = channels.get(d.channel());
        if (channel == null) {
            return Uni.createFrom().failure(new DeliveryException("channel " + d.channel()
                    + " is no longer configured", false, null));
        }
        Uni<Void> once = Uni.createFrom().deferred(() -> channel.apply(d)).onFailure().invoke(e -> LOG.infof(
                "%s attempt failed: %s", d.id(), e.getMessage()));
        if (maxRetries == 0) {
            return once;
        }
        return once.onFailure(e -> !(e instanceof DeliveryException de) || de.retryable()).retry()
                .withBackOff(initial, max).withJitter(jitter).atMost(maxRetries);
    }

    /** Longest a delivery can take with every retry, for leases. */
    Duration worstCase(Duration attemptTimeout) {
        Duration total = attemptTimeout.multipliedBy(maxRetries + 1L);
        Duration wait = initial;
        for (int i = 0; i < maxRetries; i++) {
            total = total.plus(wait.multipliedBy(2));
            wait = wait.multipliedBy(2).compareTo(max) > 0 ? max : wait.multipliedBy(2);
        }
        return total;
    }
}
