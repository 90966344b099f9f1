package dev.warden.mcp;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.mcp.client.McpClient;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.audit.CanonicalJson;
import dev.warden.core.tools.ToolRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tools of one MCP server, as governed Warden tools.
 *
 * <p>Lifecycle: {@link #connect} lists the server's tools; a human reviews {@link #review()} and approves tools
 * ({@link #approve}, {@link #approveAll}), which pins each tool's description and input schema by SHA-256 in a
 * {@link ToolPinStore}; {@link #toolRegistry()} (or {@link #registerInto}) registers the approved tools with
 * {@link ToolDescriptor}s built from the {@link McpServerPolicy} — never from the server's own claims. Calls then
 * reach the server only through Warden's {@code GovernedToolExecutor}; {@link McpGuardPlane} re-lists the server's
 * tools at every {@code TOOL_CALL} and denies a tool whose description or schema no longer matches its pin
 * ({@link McpCodes#TOOL_CHANGED}), and the executor repeats the check right before the remote call.
 *
 * <p>Tools that are not approved, or changed since approval, are not registered: their untrusted descriptions never
 * reach the model.
 *
 * <pre>{@code
 * McpClient client = new DefaultMcpClient.Builder().transport(new StdioMcpTransport.Builder()
 *         .command(List.of("npx", "-y", "@acme/bank-mcp")).build()).cacheToolList(false).build();
 * McpToolSource bank = McpToolSource.connect(client, policy, FileToolPinStore.open(pinFile), Clock.systemUTC());
 * bank.review().forEach(System.out::println);
 * bank.approveAll("alice");
 * GovernedAgent agent = GovernedAgent.builder()...tools(bank.toolRegistry())
 *         .governor(Governor.builder().plane(McpGuardPlane.of(bank))...build()).build();
 * }</pre>
 *
 * <p>Thread-safe. Listing and verification do blocking I/O on the caller's thread; the guard plane moves them to a
 * worker pool. The client should not cache its tool list ({@code cacheToolList(false)}), or changes are only seen
 * when the client refreshes it.
 */
public final class McpToolSource {
    private static final System.Logger LOG = System.getLogger(McpToolSource.class.getName());
    private final McpClient client;
    private final McpServerPolicy policy;
    private final ToolPinStore pins;
    private final Clock clock;
    private final DescriptionScreen screen;
    /** exposed name → server tool name, for tools registered with a registry. */
    private final Map<String, String> exposed = new ConcurrentHashMap<>();

    private McpToolSource(McpClient client, McpServerPolicy policy, ToolPinStore pins, Clock clock,
            DescriptionScreen screen) {
        this.client = Objects.requireNonNull(client, "client");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.pins = Objects.requireNonNull(pins, "pins");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.screen = Objects.requireNonNull(screen, "screen");
    }

    /**
     * Connects to a server's tool list and checks the policy against it: a policy describing a tool the server does
     * not list is a configuration error ({@link McpConfigurationException}), reported now rather than at call time.
     */
    public static McpToolSource connect(McpClient client, McpServerPolicy policy, ToolPinStore pins, Clock clock) {
        return connect(client, policy, pins, clock, DescriptionScreen.standard());
    }

    public static McpToolSource connect(McpClient client, McpServerPolicy policy, ToolPinStore pins, Clock clock,
            DescriptionScreen screen) {
        McpToolSource source = new McpToolSource(client, policy, pins, clock, screen);
        Map<String, ToolSpecification> listing = source.list();
        for (String described : policy.tools().keySet()) {
            if (!listing.containsKey(described)) {
                throw new McpConfigurationException("policy for MCP server '" + policy.id() + "' describes tool '"
                        + described + "', which the server does not list; it lists " + listing.keySet());
            }
        }
        return source;
    }

    public McpServerPolicy policy() {
        return policy;
    }

    /** Every tool the server lists now, with its review state. Does I/O. */
    public List<ToolReview> review() {
        List<ToolReview> out = new ArrayList<>();
        list().forEach((name, spec) -> {
            ToolFingerprint fp = ToolFingerprint.of(spec);
            Optional<ToolPin> pin = pins.find(policy.id(), name);
            ToolReview.Status status = hidden(name) ? ToolReview.Status.HIDDEN
                    : pin.isEmpty() ? ToolReview.Status.NEW
                    : pin.get().fingerprint().equals(fp) ? ToolReview.Status.APPROVED : ToolReview.Status.CHANGED;
            out.add(new ToolReview(name, policy.exposedName(name), spec.description(), schemaJson(spec), fp, status,
                    screened(name, spec)));
        });
        return out;
    }

    /**
     * Pins the tool as the server describes it now. Refused ({@link McpCodes#DESCRIPTION_SUSPICIOUS}) when the
     * description will be shown to the model and the {@link DescriptionScreen} flags it, unless
     * {@code acceptFindings}; refused for tools the server does not list or the policy hides.
     */
    public ToolPin approve(String serverToolName, String approverId, boolean acceptFindings) {
        ToolSpecification spec = list().get(serverToolName);
        if (spec == null || hidden(serverToolName)) {
            throw new McpApprovalException(spec == null ? McpCodes.TOOL_WITHDRAWN : McpCodes.TOOL_UNDESCRIBED,
                    "MCP server '" + policy.id() + "' has no approvable tool '" + serverToolName + "'");
        }
        List<String> findings = screened(serverToolName, spec);
        if (!findings.isEmpty() && !acceptFindings) {
            throw new McpApprovalException(McpCodes.DESCRIPTION_SUSPICIOUS, "MCP tool '" + policy.id() + "/"
                    + serverToolName + "' was not approved: " + String.join("; ", findings));
        }
        ToolPin pin = new ToolPin(policy.id(), serverToolName, ToolFingerprint.of(spec), approverId, clock.instant());
        pins.save(pin);
        return pin;
    }

    public ToolPin approve(String serverToolName, String approverId) {
        return approve(serverToolName, approverId, false);
    }

    /** Approves every listed, non-hidden tool whose description passes the screen; returns the new pins. */
    public List<ToolPin> approveAll(String approverId) {
        List<ToolPin> out = new ArrayList<>();
        list().forEach((name, spec) -> {
            if (!hidden(name) && screened(name, spec).isEmpty()) {
                out.add(approve(name, approverId, false));
            }
        });
        return out;
    }

    /** A registry holding this server's approved tools. Does I/O. */
    public ToolRegistry toolRegistry() {
        ToolRegistry.Builder b = ToolRegistry.builder();
        registerInto(b);
        return b.build();
    }

    /** Registers the approved, unchanged tools into a registry (with local or other servers' tools). Does I/O. */
    public void registerInto(ToolRegistry.Builder registry) {
        list().forEach((name, spec) -> {
            ToolFingerprint fp = ToolFingerprint.of(spec);
            boolean approved = pins.find(policy.id(), name).map(p -> p.fingerprint().equals(fp)).orElse(false);
            if (hidden(name) || !approved) {
                return;
            }
            ToolDescriptor d = McpToolDescriptors.describe(policy, name, spec);
            registry.tool(d, new McpToolExecutor(this, client, d, name));
            exposed.put(d.name(), name);
        });
    }

    /** Whether a tool name (as the model sees it) belongs to this source. */
    public boolean exposes(String exposedName) {
        return exposedName != null && exposed.containsKey(exposedName);
    }

    /**
     * Verifies that a registered tool is still exactly what was approved, and that the descriptor (what the model was
     * shown) matches that approval too. Does I/O (lists the server's tools); never throws: an unreachable server is a
     * blocked check ({@link McpCodes#SERVER_UNAVAILABLE}).
     *
     * @param registered the descriptor the call was made with, as registered by {@link #registerInto}
     */
    public McpToolCheck verify(ToolDescriptor registered) {
        String exposedName = registered == null ? null : registered.name();
        String name = exposedName == null ? null : exposed.get(exposedName);
        if (name == null) {
            return McpToolCheck.blocked(McpCodes.TOOL_NOT_APPROVED, "'" + exposedName
                    + "' is not an approved tool of MCP server '" + policy.id() + "'");
        }
        String tool = "MCP tool '" + policy.id() + "/" + name + "'";
        Map<String, ToolSpecification> live;
        try {
            live = list();
        } catch (RuntimeException e) {
            // the reason reaches the model's refusal text: the exception stays in the log (decision 0056)
            LOG.log(System.Logger.Level.WARNING, "could not verify " + tool + ": listing the server's tools failed", e);
            return McpToolCheck.blocked(McpCodes.SERVER_UNAVAILABLE, "could not verify " + tool
                    + ": listing the server's tools failed (see the server log)");
        }
        ToolSpecification spec = live.get(name);
        if (spec == null) {
            return McpToolCheck.blocked(McpCodes.TOOL_WITHDRAWN, tool + " is no longer offered by the server");
        }
        Optional<ToolPin> pin = pins.find(policy.id(), name);
        if (pin.isEmpty()) {
            return McpToolCheck.blocked(McpCodes.TOOL_NOT_APPROVED, tool + " has no approval (pin revoked)");
        }
        ToolFingerprint now = ToolFingerprint.of(spec);
        ToolPin p = pin.get();
        if (!p.fingerprint().equals(now)) {
            return McpToolCheck.blocked(McpCodes.TOOL_CHANGED, "the " + p.fingerprint().differenceFrom(now) + " of "
                    + tool + " changed since " + p.approvedBy() + " approved it at " + p.approvedAt()
                    + "; blocked until re-approved");
        }
        ToolFingerprint shown = ToolFingerprint.of(registered.specification());
        boolean operatorText = policy.tool(name).map(t -> t.describedAs() != null).orElse(false);
        String stale = p.fingerprint().differenceFrom(shown);
        if (operatorText ? !p.fingerprint().schemaSha256().equals(shown.schemaSha256()) : !stale.isEmpty()) {
            return McpToolCheck.blocked(McpCodes.TOOL_CHANGED, tool + " was re-approved after a change, but the model"
                    + " was shown an earlier " + (operatorText ? "input schema" : stale)
                    + "; rebuild the tool registry");
        }
        return McpToolCheck.OK;
    }

    private boolean hidden(String name) {
        return policy.tool(name).isEmpty() && policy.undescribed() == McpServerPolicy.Undescribed.HIDE;
    }

    private List<String> screened(String name, ToolSpecification spec) {
        boolean overridden = policy.tool(name).map(t -> t.describedAs() != null).orElse(false);
        return overridden ? List.of() : screen.findings(spec.description());
    }

    private Map<String, ToolSpecification> list() {
        Map<String, ToolSpecification> out = new LinkedHashMap<>();
        for (ToolSpecification s : client.listTools()) {
            if (out.putIfAbsent(s.name(), s) != null) {
                throw new IllegalStateException("MCP server '" + policy.id() + "' lists tool '" + s.name() + "' twice");
            }
        }
        return out;
    }

    private static String schemaJson(ToolSpecification spec) {
        return CanonicalJson.write(spec.parameters() == null ? Map.of()
                : JsonSchemaElementUtils.toMap(spec.parameters()));
    }
}
