package dev.warden.quarkus.inventory.runtime;

import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicyReloadListener;
import dev.warden.quarkus.EdgeInventory;
import dev.warden.quarkus.ToolInventory;
import dev.warden.quarkus.WardenConfig;
import dev.warden.quarkus.inventory.InventoryConfig;
import dev.warden.quarkus.inventory.InventoryModel.Agent;
import dev.warden.quarkus.inventory.InventoryModel.PolicyVersion;
import dev.warden.quarkus.inventory.InventoryModel.Registration;
import dev.warden.quarkus.inventory.InventoryStore;
import dev.warden.quarkus.runtime.AgentClasses;
import dev.warden.quarkus.runtime.AgentRegistry;
import io.quarkus.arc.All;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Registers this instance (agents, tools, policy versions, MCP servers, and the delegation edges every
 * {@link EdgeInventory} bean declares) at start, after every accepted policy reload (a changed set becomes a new version row, by
 * {@code warden:policy-reload}) and with every heartbeat; refreshes the kill-switch state on its own, faster timer and
 * whenever the store reports a change. Timers only subscribe to the store's {@code Uni}s: no thread waits for the
 * database, and a failing store leaves the kill-switch state to age until the plane refuses actions.
 */
@Singleton
public class InventoryRegistrar implements PolicyReloadListener {
    private static final Logger LOG = Logger.getLogger(InventoryRegistrar.class);
    static final String STARTUP = "warden:startup";
    static final String RELOAD = "warden:policy-reload";

    private final jakarta.enterprise.inject.Instance<InventoryStore> stores;
    private InventoryStore store;
    private final InventoryConfig config;
    private final InventoryBeans.Identity identity;
    private final AgentRegistry agents;
    private final AgentClasses classes;
    private final PolicyEngine engine;
    private final WardenConfig warden;
    private final KillSwitchState killSwitch;
    private final DeclaredActivity declared;
    private final List<ToolInventory> toolInventories;
    private final List<EdgeInventory> edgeInventories;
    private final Clock clock;
    private final Map<String, PolicyVersion> servedVersions = new ConcurrentHashMap<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile Registration current;
    private Instant startedAt;
    private ScheduledExecutorService timers;

    InventoryRegistrar(jakarta.enterprise.inject.Instance<InventoryStore> stores, InventoryConfig config, InventoryBeans.Identity identity,
            AgentRegistry agents, AgentClasses classes, PolicyEngine engine, WardenConfig warden,
            KillSwitchState killSwitch, DeclaredActivity declared, @All List<ToolInventory> toolInventories,
            @All List<EdgeInventory> edgeInventories, Clock clock) {
        this.stores = stores;
        this.config = config;
        this.identity = identity;
        this.agents = agents;
        this.classes = classes;
        this.engine = engine;
        this.warden = warden;
        this.killSwitch = killSwitch;
        this.declared = declared;
        this.toolInventories = toolInventories;
        this.edgeInventories = edgeInventories;
        this.clock = clock;
    }

    /** After the agent registry (priority 20) built the agents. */
    void onStart(@Observes @Priority(30) StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Warden inventory is off (warden.inventory.enabled=false)");
            return;
        }
        store = stores.get(); // opened only when on: a PostgreSQL store migrates its schema here
        startedAt = clock.instant();
        current = build(STARTUP);
        Set<String> shared = new HashSet<>();
        toolInventories.forEach(i -> shared.addAll(i.toolNames()));
        declared.declare(LocalRegistration.declaredTools(current), shared);
        declared.declareDelegations(LocalRegistration.declaredDelegations(current));
        engine.addReloadListener(this);
        store.onSuspensionChange(this::refreshSuspensions);
        timers = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "warden-inventory");
            t.setDaemon(true);
            return t;
        });
        // first registration and refresh at once; until the refresh answers, the plane refuses actions (stale)
        heartbeat();
        refreshSuspensions();
        schedule(this::refreshSuspensions, config.suspensions().refreshInterval());
        schedule(this::heartbeat, config.heartbeatInterval());
        LOG.infof("Warden inventory: service %s, instance %s, store %s, %d agent(s)", identity.service(),
                identity.instanceId(), config.store(), current.agents().size());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timers != null) {
            timers.shutdownNow();
        }
    }

    private void schedule(Runnable task, Duration every) {
        long ms = Math.max(50, every.toMillis());
        timers.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warnf(e, "inventory timer task failed");
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onReload(Event event) {
        if (event.accepted() && current != null) {
            current = build(RELOAD);
            declared.declareDelegations(LocalRegistration.declaredDelegations(current));
            heartbeat();
        }
    }

    /** What this instance registers now. */
    public Registration current() {
        return current;
    }

    private Registration build(String changedBy) {
        Map<String, String> models = LocalRegistration.models(classes.names(), warden.model());
        Registration r = LocalRegistration.build(identity.service(), identity.instanceId(), identity.version(),
                InventoryBeans.host(), startedAt, clock.instant(), agents.all(), models, engine.policySets(),
                Map.copyOf(servedVersions), changedBy, declaredEdges());
        r.policies().forEach(v -> servedVersions.put(v.policySet(), v));
        return r;
    }

    /** What every {@link EdgeInventory} bean declares now (the delegation starter's trust edges, …). */
    private List<EdgeInventory.DeclaredEdge> declaredEdges() {
        return edgeInventories.stream().flatMap(i -> i.edges().stream()).toList();
    }

    /** Re-registers with a fresh heartbeat, flushes undeclared activity, and re-reads which agents exist. */
    void heartbeat() {
        Registration base = current;
        var i = base.instance();
        Registration r = new Registration(new dev.warden.quarkus.inventory.InventoryModel.Instance(i.instanceId(),
                i.service(), i.version(), i.host(), i.startedAt(), clock.instant(), i.policyFingerprint(),
                i.toolFingerprint(), i.policyVersions()), base.agents(), base.policies(), base.mcpServers(),
                base.edges());
        var flagged = declared.drain();
        store.register(r)
                .chain(() -> flagged.isEmpty() ? io.smallrye.mutiny.Uni.createFrom().voidItem()
                        : store.recordUndeclared(flagged))
                .chain(store::agents)
                .subscribe().with(all -> declared.knownAgents(all.stream().map(Agent::agentId)
                        .collect(Collectors.toSet())),
                        e -> LOG.warnf("inventory registration failed (retried with the next heartbeat): %s",
                                e.toString()));
    }

    /**
     * Re-reads the active suspensions. Calls during a read collapse into one more read after it (a change notified
     * while a read is in flight may not be in that read's answer).
     */
    public void refreshSuspensions() {
        again.set(true);
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        again.set(false);
        store.suspensions(true).subscribe().with(active -> {
            killSwitch.replace(active);
            refreshing.set(false);
            if (again.get()) {
                refreshSuspensions();
            }
        }, e -> {
            refreshing.set(false);
            LOG.warnf("refreshing suspensions failed; actions are refused once the state is older than %s: %s",
                    config.suspensions().maxStaleness(), e.toString());
        });
    }
}
