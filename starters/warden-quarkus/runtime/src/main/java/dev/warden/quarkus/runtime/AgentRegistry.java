package dev.warden.quarkus.runtime;

import dev.langchain4j.model.chat.ChatModel;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Governor;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.tools.ToolRegistry;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicyProblem;
import dev.warden.policy.PolicySet;
import dev.warden.quarkus.WardenAgent;
import dev.warden.quarkus.AgentToolContributor;
import dev.warden.quarkus.ToolInventory;
import dev.warden.quarkus.WardenConfig;
import io.quarkus.arc.All;
import dev.warden.spi.SuspendedRunStore;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Builds one {@link GovernedAgent} per {@code @WardenAgent} bean at startup and refuses to start when an agent names
 * a policy set that is not loaded, a policy names a tool no agent has, or a model bean is missing. Also turns overdue
 * approvals into denials on a timer.
 */
@Singleton
public class AgentRegistry {
    private static final Logger LOG = Logger.getLogger(AgentRegistry.class);

    private final AgentClasses classes;
    private final ToolCatalog catalog;
    private final Governor governor;
    private final SuspendedRunStore store;
    private final PolicyEngine engine;
    private final WardenConfig config;
    private final Map<String, RegisteredAgent> agents = new LinkedHashMap<>();
    private ScheduledExecutorService expiry;
    private dev.warden.spi.ConversationStore memory;

    private final List<ToolInventory> inventories;
    private final List<AgentToolContributor> contributors;
    private final List<dev.warden.spi.ApprovalObserver> approvalObservers;

    private final dev.warden.quarkus.StreamingConfig streaming;

    AgentRegistry(AgentClasses classes, ToolCatalog catalog, Governor governor, SuspendedRunStore store, PolicyEngine engine,
            WardenConfig config, @All List<ToolInventory> inventories, @All List<AgentToolContributor> contributors,
            dev.warden.quarkus.StreamingConfig streaming,
            @All List<dev.warden.spi.ApprovalObserver> approvalObservers) {
        this.streaming = streaming;
        this.approvalObservers = approvalObservers;
        this.inventories = inventories;
        this.contributors = contributors;
        this.classes = classes;
        this.catalog = catalog;
        this.governor = governor;
        this.store = store;
        this.engine = engine;
        this.config = config;
    }

    void onStart(@Observes @Priority(20) StartupEvent event) {
        Set<String> loadedSets = engine.policySets().stream().map(PolicySet::name).collect(Collectors.toSet());
        List<String> errors = new ArrayList<>();
        memory = conversations(config.memory(), errors);
        Set<String> allTools = new HashSet<>();
        java.util.Map<String, java.util.Map<String, String>> parameters = new java.util.HashMap<>();
        for (String className : classes.names()) {
            try {
                RegisteredAgent agent = build(className, loadedSets, errors);
                if (agent != null) {
                    agents.put(agent.id(), agent);
                    allTools.addAll(agent.agent().toolRegistry().names());
                    agent.agent().toolRegistry().descriptors().forEach(d -> parameters.put(d.name(),
                            ParameterTypes.of(d.specification().parameters())));
                }
            } catch (RuntimeException e) {
                errors.add(className + ": " + e.getMessage());
            }
        }
        inventories.forEach(i -> allTools.addAll(i.toolNames()));
        for (String tool : config.limits().toolTimeouts().keySet()) {
            if (!allTools.contains(tool)) {
                errors.add("warden.limits.tool-timeouts names tool '" + tool + "', which no agent has (known tools: "
                        + new java.util.TreeSet<>(allTools) + ")");
            }
        }
        for (PolicyProblem p : engine.unknownTools(allTools)) {
            errors.add(p + " (known tools: " + new java.util.TreeSet<>(allTools) + "; tool inventories: " + inventories.size() + ")");
        }
        for (PolicyProblem p : engine.argumentProblems(parameters)) {
            errors.add(p.toString());
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Warden agents are misconfigured:\n  - " + String.join("\n  - ", errors));
        }
        LOG.infof("Warden governs %d agent(s): %s", agents.size(), agents.keySet());
        long scan = Math.max(1, config.approvals().expiryScan().toMillis());
        expiry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "warden-approval-expiry");
            t.setDaemon(true);
            return t;
        });
        expiry.scheduleWithFixedDelay(this::expireOverdue, scan, scan, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (expiry != null) {
            expiry.shutdownNow();
        }
    }

    private RegisteredAgent build(String className, Set<String> loadedSets, List<String> errors) {
        Class<?> type = AgentBeans.load(className);
        WardenAgent def = type.getAnnotation(WardenAgent.class);
        for (String set : def.policies()) {
            engine.requireSet(set, def.id()); // no reload may unload it while this agent runs
            if (!loadedSets.contains(set)) {
                errors.add("agent '" + def.id() + "' names policy set '" + set + "', which is not loaded (loaded: "
                        + loadedSets + "; check warden.policy.locations)");
            }
        }
        List<Class<?>> toolTypes = new ArrayList<>();
        toolTypes.add(type);
        toolTypes.addAll(List.of(def.tools()));
        ToolRegistry.Builder toolBuilder = ToolRegistry.builder();
        for (Class<?> toolType : toolTypes) { // the methods discovered at build time (ToolCatalog), no scan here
            Object bean = AgentBeans.instance(toolType);
            for (var m : catalog.toolMethods(toolType)) { // specified at build time where recorded
                var recorded = catalog.specification(toolType, m);
                if (recorded.isPresent()) {
                    toolBuilder.method(bean, m, recorded.get());
                } else {
                    toolBuilder.method(bean, m);
                }
            }
        }
        contributors.forEach(c -> c.contribute(def.id(), toolBuilder));
        config.limits().toolTimeouts().forEach((tool, limit) -> {
            if (toolBuilder.names().contains(tool)) {
                toolBuilder.timeout(tool, limit);
            }
        });
        ToolRegistry tools = toolBuilder.build();
        String modelName = def.model().isEmpty() ? config.model() : def.model();
        ChatModel model = model(modelName).orElse(null);
        if (model == null) {
            errors.add("agent '" + def.id() + "' needs a ChatModel bean" + ("default".equals(modelName) ? ""
                    : " named '" + modelName + "'") + " (configure a Quarkus LangChain4j provider or produce one)");
            return null;
        }
        GovernedAgent.Builder builder = GovernedAgent.builder();
        approvalObservers.forEach(builder::approvalObserver); // e.g. warden-quarkus-notify's notifier
        GovernedAgent agent = builder
                .identity(new AgentIdentity(def.id(), def.version(), def.owner()))
                .systemMessage(def.systemMessage().isEmpty() ? null : def.systemMessage())
                .model(model)
                .streamingModel(StreamingModels.named(modelName, model))
                .holdBackChars(streaming.holdBackChars(def.id()))
                .modelName(modelName)
                .tools(tools)
                .governor(governor)
                .store(store)
                .maxSteps(config.limits().maxSteps())
                .maxToolCalls(config.limits().maxToolCalls())
                .maxInputChars(config.limits().maxInputChars())
                .maxModelAnswerChars(config.limits().maxModelAnswerChars())
                .runTimeout(Optional.ofNullable(config.limits().agents().get(def.id()))
                        .flatMap(WardenConfig.AgentLimits::runTimeout).orElse(config.limits().runTimeout()))
                .refusalFeedback(config.refusalFeedback().of(def.id()))
                .memory(memory)
                .build();
        return new RegisteredAgent(def.id(), def.description(), def.owner(), def.version(), List.of(def.policies()),
                agent);
    }



    /** {@code default}: the unqualified bean; otherwise a bean qualified {@code @Identifier(name)} or {@code @Named(name)}. */
    private static Optional<ChatModel> model(String name) {
        if ("default".equals(name)) {
            return available(Arc.container().instance(ChatModel.class));
        }
        return available(Arc.container().instance(ChatModel.class, Identifier.Literal.of(name)))
                .or(() -> available(Arc.container().instance(ChatModel.class, NamedLiteral.of(name))));
    }

    private static Optional<ChatModel> available(InstanceHandle<ChatModel> h) {
        return h.isAvailable() ? Optional.of(h.get()) : Optional.empty();
    }

    /**
     * The conversation store selected by {@code warden.memory.store} ({@code null} for {@code none}); the AI-service
     * seam keeps the labels of chat memory in it too.
     */
    public dev.warden.spi.ConversationStore memory() {
        return memory;
    }

    private static dev.warden.spi.ConversationStore conversations(WardenConfig.Memory c, List<String> errors) {
        return switch (c.store().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "none" -> null;
            case "memory" -> new dev.warden.core.agent.InMemoryConversationStore(c.maxConversations(),
                    c.maxMessages());
            default -> {
                // a provided store (warden-quarkus-postgres: postgres), looked up by name
                List<dev.warden.quarkus.ConversationStoreProvider> provided = io.quarkus.arc.Arc.container()
                        .select(dev.warden.quarkus.ConversationStoreProvider.class).stream().toList();
                String name = c.store().trim().toLowerCase(java.util.Locale.ROOT);
                var match = provided.stream().filter(p -> p.store().equals(name)).findFirst();
                if (match.isPresent()) {
                    yield match.get().create(c.maxMessages());
                }
                errors.add("warden.memory.store: '" + c.store() + "' is not one of [none, memory"
                        + provided.stream().map(p -> ", " + p.store()).collect(Collectors.joining()) + "]");
                yield null;
            }
        };
    }

    private void expireOverdue() {
        for (RegisteredAgent a : agents.values()) {
            try {
                a.agent().expireOverdue();
            } catch (RuntimeException e) {
                LOG.warnf(e, "expiring approvals of %s failed", a.id());
            }
        }
    }

    public Optional<RegisteredAgent> find(String id) {
        return Optional.ofNullable(agents.get(id));
    }

    public Collection<RegisteredAgent> all() {
        return agents.values();
    }

    /** An agent with the inventory facts the API shows. */
    public record RegisteredAgent(String id, String description, String owner, String version, List<String> policies,
            GovernedAgent agent) {}
}
