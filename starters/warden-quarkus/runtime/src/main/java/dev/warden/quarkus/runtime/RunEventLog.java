package dev.warden.quarkus.runtime;

import dev.warden.core.agent.RunEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of one run, numbered from 1, for readers that follow it over Server-Sent Events and resume with
 * {@code Last-Event-ID}. Bounded: past {@code capacity} the oldest events are dropped, and a reader resuming before the
 * oldest kept event first receives a {@link Entry#gap gap} entry naming the first id it can still get. A reader's
 * stream ends after a terminal event when no further event is buffered; it stays live otherwise. Thread-safe.
 */
public final class RunEventLog {
    /** One numbered event, or a gap marker ({@code event == null}, {@code id} = first id still available). */
    public record Entry(long id, RunEvent event) {
        public boolean gap() {
            return event == null;
        }
    }

    private final String tenant;
    private final String userId;
    private final String agentId;
    private final int capacity;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final List<MultiEmitter<? super Entry>> readers = new ArrayList<>();
    private long next = 1;
    private boolean ended;
    private int decisions;

    RunEventLog(String tenant, String userId, String agentId, int capacity) {
        this.agentId = agentId;
        this.tenant = tenant;
        this.userId = userId;
        this.capacity = Math.max(1, capacity);
    }

    public String tenant() {
        return tenant;
    }

    public String agentId() {
        return agentId;
    }

    /** The requester of the run. */
    public String userId() {
        return userId;
    }

    /** Appends {@code event} and hands it to every live reader; a terminal event ends their streams. */
    public synchronized void append(RunEvent event) {
        Entry e = new Entry(next++, event);
        if (event instanceof RunEvent.Decision) {
            decisions++;
        }
        entries.addLast(e);
        if (entries.size() > capacity) {
            entries.removeFirst();
        }
        ended = event.terminal();
        for (MultiEmitter<? super Entry> r : readers) {
            r.emit(e);
            if (ended) {
                r.complete();
            }
        }
        if (ended) {
            readers.clear();
        }
    }

    /** How many decision events were appended (a run's decision list continues from there when it resumes). */
    public synchronized int decisions() {
        return decisions;
    }

    /** The events after {@code lastEventId} (0: from the start), then live ones until the run's next terminal event. */
    public Multi<Entry> read(long lastEventId) {
        return Multi.createFrom().<Entry>emitter(em -> {
            synchronized (this) {
                long first = entries.isEmpty() ? next : entries.peekFirst().id();
                if (lastEventId + 1 < first) {
                    em.emit(new Entry(first, null)); // events lastEventId+1 .. first-1 are gone
                }
                for (Entry e : entries) {
                    if (e.id() > lastEventId) {
                        em.emit(e);
                    }
                }
                if (ended) {
                    em.complete();
                    return;
                }
                readers.add(em);
            }
            em.onTermination(() -> {
                synchronized (this) {
                    readers.remove(em);
                }
            });
        }, BackPressureStrategy.BUFFER);
    }
}
