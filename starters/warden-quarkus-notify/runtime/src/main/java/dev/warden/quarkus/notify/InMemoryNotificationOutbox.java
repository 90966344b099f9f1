package dev.warden.quarkus.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outbox of one process: bounded (the oldest settled deliveries are forgotten first; when every entry is still
 * waiting, new ones are refused and the caller logs the drop). Nothing survives a restart and nothing is shared —
 * with several replicas use the PostgreSQL outbox.
 */
public final class InMemoryNotificationOutbox implements NotificationOutbox {
    private enum State { WAITING, SENT, FAILED }

    private static final class Entry {
        final Delivery delivery;
        State state = State.WAITING;
        Instant leasedUntil;

        Entry(Delivery d) {
            delivery = d;
        }
    }

    private final int capacity;
    private final Clock clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    public InMemoryNotificationOutbox(int capacity, Clock clock) {
        this.capacity = Math.max(1, capacity);
        this.clock = clock;
    }

    @Override
    public synchronized List<Delivery> add(List<Delivery> deliveries) {
        List<Delivery> added = new ArrayList<>();
        for (Delivery d : deliveries) {
            if (entries.containsKey(d.id())) {
                continue;
            }
            if (entries.size() >= capacity && !evictSettled()) {
                throw new IllegalStateException(NotifyCodes.message(NotifyCodes.QUEUE_FULL, "outbox full ("
                        + capacity + " waiting); dropped " + d.id()));
            }
            entries.put(d.id(), new Entry(d));
            added.add(d);
        }
        return added;
    }

    private boolean evictSettled() {
        var it = entries.values().iterator();
        while (it.hasNext()) {
            if (it.next().state != State.WAITING) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized List<Delivery> claim(int max, Duration lease) {
        Instant now = clock.instant();
        List<Delivery> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (out.size() >= max) {
                break;
            }
            if (e.state == State.WAITING && (e.leasedUntil == null || !now.isBefore(e.leasedUntil))) {
                e.leasedUntil = now.plus(lease);
                out.add(e.delivery);
            }
        }
        return out;
    }

    @Override
    public synchronized void sent(String deliveryId) {
        settle(deliveryId, State.SENT);
    }

    @Override
    public synchronized void failed(String deliveryId, String error) {
        settle(deliveryId, State.FAILED);
    }

    private void settle(String id, State state) {
        Entry e = entries.get(id);
        if (e != null) {
            e.state = state;
        }
    }

    @Override
    public synchronized boolean knows(String noticeId) {
        String prefix = noticeId + "/";
        return entries.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }
}
