package dev.warden.mcp.gateway;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.tools.GovernedToolExecutor;
import dev.warden.core.tools.ToolRegistry;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Exposes a Warden {@link ToolRegistry} as an MCP server (streamable HTTP, official MCP Java SDK), so any MCP client —
 * IDE and desktop assistants, other agent frameworks — reaches those tools only through Warden: each request is
 * authenticated from its bearer token ({@link BearerAuthenticator}), each {@code tools/call} passes {@code TOOL_CALL}
 * and {@code TOOL_RESULT} of the {@link Governor} (per-tool policies, audit, traces) as the caller's
 * {@link Principal}, the result passes {@code AGENT_OUTPUT} (target {@code mcp-client}) before it leaves, so egress
 * rules and redaction apply, and approval-gated calls wait for a human ({@link GatewayApprovals}).
 *
 * <p>The governance context of a call: user = the token's principal; agent = this gateway's identity (the MCP
 * client's self-declared name is recorded as the {@code mcpClient} attribute, never trusted as an identity); labels
 * start at {@link Builder#callerLabels} — {@link Labels#untrusted() UNTRUSTED} by default, because Warden cannot see
 * what the remote model has read.
 *
 * <pre>{@code
 * McpGateway gateway = McpGateway.builder().identity(AgentIdentity.of("crm-gateway"))
 *         .tools(ToolRegistry.of(new CrmTools())).governor(governor).authenticator(jwt::verify).build();
 * Tomcat.addServlet(ctx, "mcp", gateway.servlet()).setAsyncSupported(true);   // any Servlet 6.1 container
 * ctx.addServletMappingDecoded("/mcp", "mcp");
 * }</pre>
 *
 * <p>Thread-safe. Tool calls block a server worker thread (the SDK's sync server runs handlers on a bounded elastic
 * pool); pass a {@link Builder#toolExecutor} to run tools elsewhere.
 */
public final class McpGateway implements AutoCloseable {
    private final HttpServletStreamableServerTransportProvider transport;
    private final McpSyncServer server;
    private final HttpServlet servlet;
    private final GatewayApprovals approvals;

    private McpGateway(Builder b) {
        Objects.requireNonNull(b.tools, "tools");
        Objects.requireNonNull(b.governor, "governor");
        Objects.requireNonNull(b.authenticator, "authenticator");
        Supplier<String> ids = b.ids == null ? () -> UUID.randomUUID().toString() : b.ids;
        this.approvals = new GatewayApprovals(b.governor.clock(), ids);
        GatewayCallHandler handler = new GatewayCallHandler(
                new GovernedToolExecutor(b.tools, b.governor, b.toolExecutor), b.governor, b.identity, b.callerLabels,
                approvals, ids);
        GovernedMcpCall calls = new GovernedMcpCall(handler);
        this.transport = HttpServletStreamableServerTransportProvider.builder().mcpEndpoint(b.endpoint)
                .contextExtractor(req -> {
                    Map<String, Object> m = new HashMap<>();
                    Object p = req.getAttribute(GovernedMcpCall.PRINCIPAL);
                    if (p != null) {
                        m.put(GovernedMcpCall.PRINCIPAL, p);
                    }
                    return McpTransportContext.create(m);
                }).build();
        List<SyncToolSpecification> specs = new ArrayList<>();
        for (ToolSpecification t : b.tools.specifications()) {
            McpSchema.Tool tool = McpSchema.Tool.builder().name(t.name()).description(t.description())
                    .inputSchema(t.parameters() == null ? Map.of("type", "object")
                            : JsonSchemaElementUtils.toMap(t.parameters()))
                    .build();
            specs.add(SyncToolSpecification.builder().tool(tool).callHandler(calls::handle).build());
        }
        this.server = McpServer.sync(transport).serverInfo(b.identity.id(), b.identity.version())
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build()).tools(specs).build();
        this.servlet = new AuthenticatingMcpServlet(transport, b.authenticator, handler);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The servlet to mount (async supported) at the endpoint path. */
    public HttpServlet servlet() {
        return servlet;
    }

    /** Pending and granted approvals of gated calls. */
    public GatewayApprovals approvals() {
        return approvals;
    }

    @Override
    public void close() {
        server.close();
    }

    /** Builds an {@link McpGateway}; tools, governor and authenticator are required. */
    public static final class Builder {
        private AgentIdentity identity = new AgentIdentity("warden-mcp-gateway", "1", "warden");
        private ToolRegistry tools;
        private Governor governor;
        private BearerAuthenticator authenticator;
        private Labels callerLabels = Labels.untrusted();
        private String endpoint = "/mcp";
        private Executor toolExecutor;
        private Supplier<String> ids;

        public Builder identity(AgentIdentity value) {
            identity = Objects.requireNonNull(value);
            return this;
        }

        public Builder tools(ToolRegistry value) {
            tools = value;
            return this;
        }

        public Builder governor(Governor value) {
            governor = value;
            return this;
        }

        public Builder authenticator(BearerAuthenticator value) {
            authenticator = value;
            return this;
        }

        /** Labels every call starts with; UNTRUSTED unless the operator vouches for the callers' context. */
        public Builder callerLabels(Labels value) {
            callerLabels = Objects.requireNonNull(value);
            return this;
        }

        /** Path of the MCP endpoint as mounted; default {@code /mcp}. */
        public Builder endpoint(String value) {
            endpoint = Objects.requireNonNull(value);
            return this;
        }

        /** Where tools run; default: the server's handler thread. */
        public Builder toolExecutor(Executor value) {
            toolExecutor = value;
            return this;
        }

        /** Id generator for calls and approvals (tests use deterministic ids). */
        public Builder ids(Supplier<String> value) {
            ids = value;
            return this;
        }

        public McpGateway build() {
            return new McpGateway(this);
        }
    }
}
