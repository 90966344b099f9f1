package dev.warden.mcp;

import dev.warden.core.Labels;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The operator's governance metadata for one MCP server: how its tools are named for the model, what labels its
 * results carry, what its tools may receive, and which tools are described (effects, risk, labels).
 *
 * <p>Defaults are deliberately distrustful: results are {@link Labels#untrusted() UNTRUSTED}; tools may receive only
 * PUBLIC data; a tool the policy does not describe is hidden from the model ({@link Undescribed#HIDE}), or, if the
 * policy says {@link Undescribed#EXPOSE_AS_HIGH_RISK}, exposed with no known effects and risk HIGH
 * ({@code declared == false}), which shipped policies refuse or gate.
 *
 * <pre>{@code
 * McpServerPolicy bank = McpServerPolicy.builder("bank")
 *         .tool("get_balance", McpToolPolicy.of(Effect.READ))
 *         .tool("transfer", McpToolPolicy.of(Effect.FINANCIAL, Effect.WRITE).risk(Risk.CRITICAL))
 *         .build();
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class McpServerPolicy {
    /** What happens to a tool the server lists but the policy does not describe. */
    public enum Undescribed {
        /** Not registered: the model never sees its (untrusted) description. */
        HIDE,
        /** Registered with unknown effects, risk HIGH and {@code declared == false}. */
        EXPOSE_AS_HIGH_RISK
    }

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    private final String id;
    private final String toolNamePrefix;
    private final Labels sourceLabels;
    private final Labels defaultSinkClearance;
    private final Undescribed undescribed;
    private final boolean verifyBeforeExecution;
    private final Map<String, McpToolPolicy> tools;

    private McpServerPolicy(Builder b) {
        this.id = b.id;
        this.toolNamePrefix = b.toolNamePrefix == null ? b.id + "__" : b.toolNamePrefix;
        this.sourceLabels = b.sourceLabels;
        this.defaultSinkClearance = b.defaultSinkClearance;
        this.undescribed = b.undescribed;
        this.verifyBeforeExecution = b.verifyBeforeExecution;
        this.tools = Map.copyOf(b.tools);
    }

    /** Starts a policy for the server with the given id ({@code [a-z][a-z0-9_-]{0,31}}). */
    public static Builder builder(String serverId) {
        return new Builder(serverId);
    }

    public String id() {
        return id;
    }

    /** Name the model sees for a server tool: prefix + server name (default prefix {@code <id>__}). */
    public String exposedName(String serverToolName) {
        return toolNamePrefix + serverToolName;
    }

    /** Labels every result of this server carries (joined with a tool's own source labels). */
    public Labels sourceLabels() {
        return sourceLabels;
    }

    public Labels defaultSinkClearance() {
        return defaultSinkClearance;
    }

    public Undescribed undescribed() {
        return undescribed;
    }

    /** Whether each execution re-checks the live tool list against the pin (covers approvals resumed later). */
    public boolean verifyBeforeExecution() {
        return verifyBeforeExecution;
    }

    public Optional<McpToolPolicy> tool(String serverToolName) {
        return Optional.ofNullable(tools.get(serverToolName));
    }

    public Map<String, McpToolPolicy> tools() {
        return tools;
    }

    /** Builds an {@link McpServerPolicy}. */
    public static final class Builder {
        private final String id;
        private String toolNamePrefix;
        private Labels sourceLabels = Labels.untrusted();
        private Labels defaultSinkClearance = Labels.untrusted();
        private Undescribed undescribed = Undescribed.HIDE;
        private boolean verifyBeforeExecution = true;
        private final Map<String, McpToolPolicy> tools = new LinkedHashMap<>();

        private Builder(String id) {
            if (id == null || !ID.matcher(id).matches()) {
                throw new McpConfigurationException("MCP server id '" + id + "' must match " + ID.pattern());
            }
            this.id = id;
        }

        /** Prefix of the names the model sees; must keep names within {@code [A-Za-z0-9_-]}. */
        public Builder toolNamePrefix(String value) {
            if (value == null || !value.matches("[A-Za-z0-9_-]*")) {
                throw new McpConfigurationException("tool name prefix '" + value + "' must match [A-Za-z0-9_-]*");
            }
            toolNamePrefix = value;
            return this;
        }

        /**
         * Labels of every result of this server. Declaring a server TRUSTED is an explicit operator decision: its
         * results can then steer high-risk actions.
         */
        public Builder sourceLabels(Labels value) {
            sourceLabels = Objects.requireNonNull(value, "sourceLabels");
            return this;
        }

        /** Clearance of tools whose policy sets none. Default: PUBLIC data only. */
        public Builder defaultSinkClearance(Labels value) {
            defaultSinkClearance = Objects.requireNonNull(value, "defaultSinkClearance");
            return this;
        }

        public Builder undescribed(Undescribed value) {
            undescribed = Objects.requireNonNull(value, "undescribed");
            return this;
        }

        public Builder verifyBeforeExecution(boolean value) {
            verifyBeforeExecution = value;
            return this;
        }

        public Builder tool(String serverToolName, McpToolPolicy policy) {
            Objects.requireNonNull(serverToolName, "serverToolName");
            tools.put(serverToolName, Objects.requireNonNull(policy, "policy"));
            return this;
        }

        public McpServerPolicy build() {
            return new McpServerPolicy(this);
        }
    }
}
