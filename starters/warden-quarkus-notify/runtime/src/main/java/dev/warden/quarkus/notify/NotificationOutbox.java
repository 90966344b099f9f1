package dev.warden.quarkus.notify;

import java.time.Duration;
import java.util.List;

/**
 * Deliveries waiting to be sent. {@link #add} is idempotent by {@link Delivery#id()} — adding what is already there
 * (another replica's scan found the same due escalation, say) adds nothing — and {@link #claim} hands each due
 * delivery to exactly one caller at a time, for {@code lease}; a claim not settled within its lease (the replica died)
 * is handed out again. Implementations are thread-safe; the durable one is shared by replicas.
 */
public interface NotificationOutbox {

    /** Adds the deliveries not yet known; returns those that were new. */
    List<Delivery> add(List<Delivery> deliveries);

    /** Claims at most {@code max} deliveries due now, each for {@code lease}. */
    List<Delivery> claim(int max, Duration lease);

    /** The delivery was sent; it is never handed out again. */
    void sent(String deliveryId);

    /** The delivery failed for good; it is never handed out again. */
    void failed(String deliveryId, String error);

    /** Whether an event (a notice id) has deliveries already, sent or not. */
    boolean knows(String noticeId);
}
