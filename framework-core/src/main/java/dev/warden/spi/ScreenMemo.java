package dev.warden.spi;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Working memory of the {@link OutputScreen}s for one streamed model turn (decision 0054): a screen may keep there
 * what it computed for a piece of text, so text that appears in several windows — and text it
 * {@linkplain OutputScreen#prepare prepared} while the hold-back window was filling — is analysed once, not once per
 * window. It lives as long as the turn and is shared by nothing else (no run, tenant or turn sees another's).
 *
 * <p>A value must be a pure function of its key: the key carries every input the value depends on (the text, the
 * screen or detector, its settings), so a hit gives exactly what computing it again would. Bounded: past
 * {@link #MAX_ENTRIES} values are computed and not kept. Thread-safe.
 *
 * <pre>{@code
 * List<Match> matches = memo.computeIfAbsent(new WindowKey(this, window), () -> parse(window));
 * }</pre>
 */
public final class ScreenMemo {
    /** Most values kept for one turn. */
    public static final int MAX_ENTRIES = 4096;

    private final ConcurrentHashMap<Object, Object> values = new ConcurrentHashMap<>();

    /** The value kept for {@code key}, or {@code compute}'s (kept while there is room). */
    @SuppressWarnings("unchecked")
    public <V> V computeIfAbsent(Object key, Supplier<V> compute) {
        Objects.requireNonNull(key, "key");
        Object kept = values.get(key);
        if (kept != null) {
            return (V) kept;
        }
        V value = Objects.requireNonNull(compute.get(), "a memo value must not be null");
        if (values.size() < MAX_ENTRIES) {
            Object raced = values.putIfAbsent(key, value);
            return raced == null ? value : (V) raced;
        }
        return value;
    }

    /** Values kept. */
    public int size() {
        return values.size();
    }
}
