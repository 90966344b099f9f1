package dev.warden.delegation.token;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A {@link ReplayStore} in this process's memory: token ids seen and not yet expired. Bounded: entries leave when
 * their token expires (on the injected clock); when the cache is full of live entries a new token is refused rather
 * than an old id forgotten (fail closed). Thread-safe. Forgotten on restart and not shared by replicas: services use
 * {@link FileReplayStore} or {@link JdbcReplayStore}.
 */
public final class ReplayCache implements ReplayStore {
    private record Entry(String jti, Instant expiresAt) {}

    private final Clock clock;
    private final int capacity;
    private final Map<String, Instant> seen = new HashMap<>();
    private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>((a, b) -> a.expiresAt.compareTo(b.expiresAt));

    public ReplayCache(Clock clock, int capacity) {
        this.clock = clock;
        this.capacity = capacity;
    }

    @Override
    public synchronized Claim claim(String jti, Instant expiresAt) {
        Instant now = clock.instant();
        while (!byExpiry.isEmpty() && !byExpiry.peek().expiresAt.isAfter(now)) {
            Entry e = byExpiry.poll();
            seen.remove(e.jti, e.expiresAt);
        }
        if (seen.containsKey(jti)) {
            return Claim.REPLAYED;
        }
        if (seen.size() >= capacity) {
            return Claim.FULL;
        }
        seen.put(jti, expiresAt);
        byExpiry.add(new Entry(jti, expiresAt));
        return Claim.FIRST_USE;
    }

    public synchronized int size() {
        return seen.size();
    }
}
