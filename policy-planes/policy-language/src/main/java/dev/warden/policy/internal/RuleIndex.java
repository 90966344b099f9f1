package dev.warden.policy.internal;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.ToolDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * All active rules, grouped by plane and checkpoint, each group sorted by priority (highest first), then set load
 * order, then document order; enforced and monitor rules kept apart. Built once per (re)load, read lock-free.
 */
public final class RuleIndex {
    private static final CompiledRule[] NONE = new CompiledRule[0];

    /**
     * The rules one plane evaluates at one checkpoint. {@link #forRequest} narrows them to those whose tool
     * conjuncts ({@link ToolGuard#admitsTool}, {@link ToolGuard#admitsDescriptor}) the request's tool satisfies:
     * per tool name for up to {@link #TOOL_CACHE} names (further names are filtered on every call, so arbitrary
     * names cannot grow memory), and for the last descriptor instance seen with that name (tool registries hand out
     * one descriptor per tool; descriptors are immutable records).
     */
    public static final class Group {
        static final Group EMPTY = new Group(NONE, NONE);
        static final int TOOL_CACHE = 512;

        private final CompiledRule[] enforced;
        private final CompiledRule[] monitored;
        private final ConcurrentHashMap<String, ByName> byTool = new ConcurrentHashMap<>();

        Group(CompiledRule[] enforced, CompiledRule[] monitored) {
            this.enforced = enforced;
            this.monitored = monitored;
        }

        public CompiledRule[] enforced() {
            return enforced;
        }

        public CompiledRule[] monitored() {
            return monitored;
        }

        public boolean isEmpty() {
            return enforced.length == 0 && monitored.length == 0;
        }

        /** The rules, in order, that can match {@code request} as far as its tool is concerned. */
        public Group forRequest(CheckpointRequest request) {
            ToolDescriptor tool = request.tool();
            String name = tool == null ? "" : tool.name();
            ByName named = byTool.get(name);
            if (named == null) {
                named = new ByName(filter(r -> r.guard().admitsTool(name)));
                if (byTool.size() < TOOL_CACHE) {
                    byTool.putIfAbsent(name, named);
                }
            }
            ByName.Last last = named.last;
            if (last != null && last.tool() == tool) {
                return last.rules();
            }
            Group rules = named.rules.filter(r -> r.guard().admitsDescriptor(request));
            named.last = new ByName.Last(tool, rules);
            return rules;
        }

        private Group filter(Predicate<CompiledRule> guardAdmits) {
            return new Group(filter(enforced, guardAdmits), filter(monitored, guardAdmits));
        }

        private static CompiledRule[] filter(CompiledRule[] rules, Predicate<CompiledRule> guardAdmits) {
            List<CompiledRule> out = new ArrayList<>(rules.length);
            for (CompiledRule r : rules) {
                if (r.guard() == null || guardAdmits.test(r)) {
                    out.add(r);
                }
            }
            return out.toArray(NONE);
        }

        /** The rules for one tool name, and for the last descriptor instance seen with it. */
        private static final class ByName {
            record Last(ToolDescriptor tool, Group rules) {}

            final Group rules;
            volatile Last last;

            ByName(Group rules) {
                this.rules = rules;
            }
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
