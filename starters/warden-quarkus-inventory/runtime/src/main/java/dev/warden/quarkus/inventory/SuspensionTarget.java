package dev.warden.quarkus.inventory;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a kill switch can stop. Its {@link #wire()} name is the one the REST API and the store use. */
public enum SuspensionTarget {
    /** Every checkpoint of the agent, on every replica, and of runs delegated through it. */
    AGENT("agent"),
    /** Every call of the tool, whichever agent makes it. */
    TOOL("tool"),
    /** Every call of a tool the MCP server serves (exposed as {@code <server>__<tool>}, or registered with it). */
    MCP_SERVER("mcp-server");

    private final String wire;

    SuspensionTarget(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The target named {@code value} ({@code agent}, {@code tool}, {@code mcp-server}), case-insensitive. */
    public static Optional<SuspensionTarget> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.wire.equals(v)).findFirst();
    }
}
