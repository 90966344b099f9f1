package dev.warden.policy.internal;

import dev.warden.core.Checkpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * All active rules, grouped by plane and checkpoint, each group sorted by priority (highest first), then set load
 * order, then document order; enforced and monitor rules kept apart. Built once per (re)load, read lock-free.
 */
public final class RuleIndex {
    private static final CompiledRule[] NONE = new CompiledRule[0];

    /** The rules one plane evaluates at one checkpoint. */
    public record Group(CompiledRule[] enforced, CompiledRule[] monitored) {
        static final Group EMPTY = new Group(NONE, NONE);

        public boolean isEmpty() {
            return enforced.length == 0 && monitored.length == 0;
        }
    }

    private final Map<String, Group[]> byPlane;
    private final List<CompiledPolicySet> sets;

    public RuleIndex(List<CompiledPolicySet> sets) {
        this.sets = List.copyOf(sets);
        List<CompiledRule> all = new ArrayList<>();
        for (CompiledPolicySet s : sets) {
            all.addAll(s.rules());
        }
        List<CompiledRule> ordered = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            ordered.add(all.get(i).withOrder(i));
        }
        ordered.sort(Comparator.comparingInt((CompiledRule r) -> -r.rule().priority())
                .thenComparingInt(CompiledRule::order));
        Map<String, Group[]> planes = new HashMap<>();
        for (CompiledRule r : ordered) {
            planes.computeIfAbsent(r.rule().plane(), p -> new Group[Checkpoint.values().length]);
        }
        for (Map.Entry<String, Group[]> e : planes.entrySet()) {
            for (Checkpoint cp : Checkpoint.values()) {
                List<CompiledRule> enforced = new ArrayList<>();
                List<CompiledRule> monitored = new ArrayList<>();
                for (CompiledRule r : ordered) {
                    if (r.rule().plane().equals(e.getKey()) && r.rule().on().contains(cp)) {
                        (r.monitor() ? monitored : enforced).add(r);
                    }
                }
                e.getValue()[cp.ordinal()] = new Group(enforced.toArray(NONE), monitored.toArray(NONE));
            }
        }
        this.byPlane = planes;
    }

    /** Rules of {@code plane} at {@code checkpoint}; never null. */
    public Group group(String plane, Checkpoint checkpoint) {
        Group[] g = byPlane.get(plane);
        return g == null ? Group.EMPTY : g[checkpoint.ordinal()];
    }

    /** Evaluates every condition once against a synthetic request; see {@link RuleWarmUp}. */
    public void warmUp() {
        RuleWarmUp.run(sets);
    }

    public List<CompiledPolicySet> sets() {
        return sets;
    }
}
