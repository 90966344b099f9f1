package dev.warden.core.streaming;

import dev.warden.spi.OutputScreen;
import dev.warden.spi.OutputScreen.Screening;
import dev.warden.spi.OutputScreen.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The screens a hold-back window consults for one piece of text, already bound to the run (its context and sink).
 * {@link #NONE} releases text as it arrives: with nothing to screen, holding text back would only add latency.
 */
@FunctionalInterface
public interface TextScreens {
    TextScreens NONE = text -> Screening.pass();

    /**
     * Screens {@code text}; throws {@link StreamRefusedException} when a screen refuses (or fails: fail closed).
     *
     * @return the spans to redact, merged, in order, none overlapping
     */
    Screening screen(String text);

    /**
     * Where a value a screen recognises only when complete begins while still open at the end of {@code text}, or
     * {@code -1} ({@link OutputScreen#openValueStart}).
     */
    default int openValueStart(String text) {
        return -1;
    }

    /**
     * Text held while the window fills: the screens may analyse what will not change ({@link OutputScreen#prepare}).
     * Never throws and decides nothing. Default: nothing.
     */
    default void prepare(String text) {}

    /** Whether anything is screened at all. */
    default boolean active() {
        return this != NONE;
    }

    /** Sorts and merges overlapping spans (the earlier span's replacement covers the union). */
    static List<Span> merged(List<Span> spans) {
        if (spans.size() < 2) {
            return spans;
        }
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt(Span::offset).thenComparing(Comparator.comparingInt(Span::end).reversed()));
        List<Span> out = new ArrayList<>(sorted.size());
        Span cur = sorted.get(0);
        for (int i = 1; i < sorted.size(); i++) {
            Span s = sorted.get(i);
            if (s.offset() < cur.end()) {
                cur = new Span(cur.offset(), Math.max(cur.end(), s.end()) - cur.offset(), cur.replacement(),
                        cur.kind());
            } else {
                out.add(cur);
                cur = s;
            }
        }
        out.add(cur);
        return out;
    }

    /** Helper for screens that combine several {@link OutputScreen}s. */
    static List<Span> join(List<Span> a, List<Span> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        List<Span> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
