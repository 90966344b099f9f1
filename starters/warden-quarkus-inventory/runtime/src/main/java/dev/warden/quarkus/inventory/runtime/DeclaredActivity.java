package dev.warden.quarkus.inventory.runtime;

import dev.warden.quarkus.inventory.InventoryModel.Undeclared;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the inventory declares (tools per agent of this service, tools governed outside agents, delegation edges of this
 * service, agents of every service) and the undeclared activity seen since the last flush. Lookups and counting are in memory; the registrar
 * flushes the counts to the store on its timer, off the checkpoint path.
 */
public final class DeclaredActivity {
    private volatile Map<String, Set<String>> toolsByAgent = Map.of();
    private volatile Set<String> sharedTools = Set.of();
    private volatile Set<String> knownAgents = Set.of();
    private volatile Set<String> delegations = Set.of();
    private volatile boolean ready;
    private final Map<String, Counter> pending = new ConcurrentHashMap<>();
    private final String service;

    public DeclaredActivity(String service) {
        this.service = service;
    }

    private static final class Counter {
        final String agent;
        final String kind;
        final String name;
        final Instant first;
        volatile Instant last;
        long count;
        long refused;
        boolean drained;

        Counter(String agent, String kind, String name, Instant first) {
            this.agent = agent;
            this.kind = kind;
            this.name = name;
            this.first = first;
            this.last = first;
        }
    }

    public void declare(Map<String, Set<String>> tools, Set<String> shared) {
        this.toolsByAgent = Map.copyOf(tools);
        this.sharedTools = Set.copyOf(shared);
        this.ready = true;
    }

    /** Whether this service's registration was declared yet (before it, nothing can be said to be declared). */
    public boolean ready() {
        return ready;
    }

    /** Whether {@code agent} holds a tool of MCP server {@code server} (the agent → MCP server edge). */
    public boolean declaresMcpServer(String agent, String server) {
        Set<String> own = toolsByAgent.get(agent);
        String prefix = server + LocalRegistration.MCP_SEPARATOR;
        return server != null && own != null && own.stream().anyMatch(t -> t.startsWith(prefix));
    }

    /** The declared delegation edges, as {@link LocalRegistration#pair} keys. */
    public void declareDelegations(Set<String> pairs) {
        this.delegations = Set.copyOf(pairs);
    }

    /** Whether this service declares an edge along which {@code from} may delegate to {@code to}. */
    public boolean declaresDelegation(String from, String to) {
        return delegations.contains(LocalRegistration.pair(from, to));
    }

    public void knownAgents(Set<String> agents) {
        this.knownAgents = Set.copyOf(agents);
    }

    /** Whether {@code agent} is registered with {@code tool} (or the tool is governed for every agent). */
    public boolean declaresTool(String agent, String tool) {
        Set<String> own = toolsByAgent.get(agent);
        return (own != null && own.contains(tool)) || sharedTools.contains(tool);
    }

    /** Whether any service registered an agent with this id. */
    public boolean knowsAgent(String agent) {
        return knownAgents.contains(agent) || toolsByAgent.containsKey(agent);
    }

    /** Counts one undeclared attempt ({@code kind} {@code tool} or {@code agent}). */
    public void observe(String agent, String kind, String name, boolean refused, Instant at) {
        String key = agent + "\n" + kind + "\n" + name;
        while (true) {
            Counter c = pending.computeIfAbsent(key, k -> new Counter(agent, kind, name, at));
            synchronized (c) {
                if (c.drained) {
                    continue; // drained meanwhile: count in a fresh counter, never in one already flushed
                }
                c.count++;
                if (refused) {
                    c.refused++;
                }
                c.last = at;
                return;
            }
        }
    }

    /** The counts since the last drain, removed from here. */
    public List<Undeclared> drain() {
        List<Undeclared> out = new ArrayList<>();
        for (String key : List.copyOf(pending.keySet())) {
            Counter c = pending.remove(key);
            if (c != null) {
                synchronized (c) {
                    c.drained = true;
                    out.add(new Undeclared(service, c.agent, c.kind, c.name, c.first, c.last, c.count, c.refused));
                }
            }
        }
        return out;
    }
}
