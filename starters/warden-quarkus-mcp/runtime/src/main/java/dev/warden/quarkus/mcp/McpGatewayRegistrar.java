package dev.warden.quarkus.mcp;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.tools.GovernedToolExecutor;
import dev.warden.core.tools.ToolRegistry;
import dev.warden.mcp.gateway.GatewayCallHandler;
import dev.warden.quarkus.WardenConfig;
import dev.warden.quarkus.api.ApiProblem;
import dev.warden.quarkus.api.Callers;
import dev.warden.quarkus.runtime.AgentRegistry;
import io.quarkiverse.mcp.server.McpConnection;
import io.quarkiverse.mcp.server.ToolManager;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * At startup, after the agents are built, registers the configured agent's governed tools with the Quarkus MCP server
 * ({@link ToolManager}); every {@code tools/call} runs through {@link GatewayCallHandler} as the caller of the MCP HTTP
 * request. The caller is the {@link SecurityIdentity} of the request — the bearer token verified by SmallRye JWT and
 * mapped by {@link Callers}, exactly as for the REST API; the MCP endpoint itself requires authentication (see
 * {@code META-INF/microprofile-config.properties}), so an unauthenticated request is a 401 before any tool runs.
 */
@Singleton
public class McpGatewayRegistrar {
    private static final Logger LOG = Logger.getLogger(McpGatewayRegistrar.class);

    private final McpGatewayConfig config;
    private final WardenConfig warden;
    private final AgentRegistry agents;
    private final ToolManager toolManager;
    private final Governor governor;
    private final StoredGatewayApprovals approvals;
    private final Callers callers;
    private final SecurityIdentity identity;
    private final List<String> exposed = new ArrayList<>();
    private ScheduledExecutorService expiry;
    /** The calls of the exposed tools, once started; {@code null} while the gateway is off. */
    private volatile GatewayCallHandler calls;

    McpGatewayRegistrar(McpGatewayConfig config, WardenConfig warden, AgentRegistry agents, ToolManager toolManager,
            Governor governor, StoredGatewayApprovals approvals, Callers callers, SecurityIdentity identity) {
        this.config = config;
        this.warden = warden;
        this.agents = agents;
        this.toolManager = toolManager;
        this.governor = governor;
        this.approvals = approvals;
        this.callers = callers;
        this.identity = identity;
    }

    void onStart(@Observes @Priority(40) StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Warden MCP gateway disabled (warden.mcp.gateway.enabled=false)");
            return;
        }
        refuseUngovernedTools();
        String agentId = config.agent().orElseThrow(() -> new IllegalStateException("[" + McpGatewayCodes.UNKNOWN_AGENT
                + "] warden.mcp.gateway.agent must name the @WardenAgent whose tools MCP clients may call"));
        ToolRegistry registry = agents.find(agentId).map(a -> a.agent().toolRegistry()).orElseThrow(() ->
                new IllegalStateException("[" + McpGatewayCodes.UNKNOWN_AGENT + "] warden.mcp.gateway.agent: no agent '"
                        + agentId + "' (deployed: " + agents.all().stream().map(a -> a.id()).toList() + ")"));
        Set<String> names = selected(registry);
        AgentIdentity gateway = new AgentIdentity(config.identity().orElse(agentId + "-mcp-gateway"),
                config.identityVersion(), "warden");
        Labels labels = callerLabels();
        approvals.bind(gateway, registry, labels);
        GatewayCallHandler calls = new GatewayCallHandler(new GovernedToolExecutor(registry, governor, null), governor,
                gateway, labels, approvals, () -> UUID.randomUUID().toString());
        this.calls = calls;
        for (ToolSpecification spec : registry.specifications()) {
            if (names.contains(spec.name())) {
                toolManager.newTool(spec.name()).setDescription(spec.description() == null ? spec.name()
                        : spec.description())
                        .setInputSchema(spec.parameters() == null ? Map.of("type", "object")
                                : JsonSchemaElementUtils.toMap(spec.parameters()))
                        .setHandler(args -> call(calls, spec.name(), args))
                        .register();
                exposed.add(spec.name());
            }
        }
        long scan = Math.max(1, warden.approvals().expiryScan().toMillis());
        expiry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "warden-mcp-approval-expiry");
            t.setDaemon(true);
            return t;
        });
        expiry.scheduleWithFixedDelay(this::expireOverdue, scan, scan, TimeUnit.MILLISECONDS);
        LOG.infof("Warden MCP gateway exposes %d tool(s) of agent '%s' as '%s': %s", exposed.size(), agentId,
                gateway.id(), exposed);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (expiry != null) {
            expiry.shutdownNow();
        }
    }

    /**
     * Records the refusal of {@code tools/call} notifications ({@code McpRequestGuard}) as {@code user}; blocking.
     * Nothing to record while the gateway is off (no tool is exposed).
     */
    void refuseNotifications(Principal user, List<String> tools) {
        GatewayCallHandler handler = calls;
        if (handler != null) {
            tools.forEach(tool -> handler.refuseNotification(user, null, tool));
        }
    }

    /** Names of the tools registered with the MCP server, in registration order. */
    public List<String> exposedTools() {
        return List.copyOf(exposed);
    }

    private ToolResponse call(GatewayCallHandler calls, String tool, ToolManager.ToolArguments args) {
        Principal user;
        try {
            user = callers.principal(identity);
        } catch (ApiProblem e) {
            user = null; // the handler answers WARDEN-MCP-0007; the endpoint's auth policy normally stops this earlier
        }
        McpConnection connection = args.connection();
        String client = connection == null || connection.initialRequest() == null
                || connection.initialRequest().implementation() == null ? null
                        : connection.initialRequest().implementation().name();
        GatewayCallHandler.Result r = calls.call(user, client, connection == null ? null : connection.id(), tool,
                args.args());
        return r.isError() ? ToolResponse.error(r.text()) : ToolResponse.success(r.text());
    }

    /** Fail closed: an annotated MCP tool would reach the application without any checkpoint. */
    private void refuseUngovernedTools() {
        List<String> ungoverned = new ArrayList<>();
        for (ToolManager.ToolInfo t : toolManager) {
            if (t.isMethod()) {
                ungoverned.add(t.name() + t.method().map(m -> " (" + m.getDeclaringClass().getName() + "#"
                        + m.getName() + ")").orElse(""));
            }
        }
        if (!ungoverned.isEmpty()) {
            throw new IllegalStateException("[" + McpGatewayCodes.UNGOVERNED_TOOL + "] the MCP server serves tools "
                    + "Warden does not govern: " + ungoverned + ". Remove their @Tool annotations (or keep "
                    + "quarkus.mcp.server.support-langchain4j-annotations=false) and expose them through an agent, "
                    + "or set warden.mcp.gateway.enabled=false");
        }
    }

    private Set<String> selected(ToolRegistry registry) {
        if (config.tools().isEmpty()) {
            return registry.names();
        }
        Set<String> wanted = new LinkedHashSet<>(config.tools().get());
        List<String> unknown = wanted.stream().filter(n -> !registry.names().contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("[" + McpGatewayCodes.UNKNOWN_TOOL + "] warden.mcp.gateway.tools names "
                    + unknown + ", which agent '" + config.agent().orElse("") + "' does not have (its tools: "
                    + new java.util.TreeSet<>(registry.names()) + ")");
        }
        return wanted;
    }

    private Labels callerLabels() {
        return switch (config.callerContext()) {
            case "untrusted" -> Labels.untrusted();
            case "trusted" -> Labels.PUBLIC;
            default -> throw new IllegalStateException("[" + McpGatewayCodes.BAD_CALLER_CONTEXT
                    + "] warden.mcp.gateway.caller-context must be 'untrusted' or 'trusted', got '"
                    + config.callerContext() + "'");
        };
    }

    private void expireOverdue() {
        try {
            approvals.expireOverdue();
        } catch (RuntimeException e) {
            LOG.warn("expiring MCP gateway approvals failed", e);
        }
    }
}
