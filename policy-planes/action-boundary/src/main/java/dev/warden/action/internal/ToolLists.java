package dev.warden.action.internal;

import dev.warden.action.ActionCodes;
import dev.warden.core.Basis;
import dev.warden.core.Decision;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-agent tool allow and deny lists. Patterns are exact names or {@code prefix*}; the agent id {@code *} applies
 * to every agent. A deny match wins; an agent (or {@code *}) with an allow list admits only listed tools.
 */
public final class ToolLists {
    public static final String RULE_DENY_LIST = "action-boundary.builtin.tool-deny-list";
    public static final String RULE_ALLOW_LIST = "action-boundary.builtin.tool-allow-list";
    private static final String ANY_AGENT = "*";

    private final String plane;
    private final Map<String, Set<String>> allow;
    private final Map<String, Set<String>> deny;

    public ToolLists(String plane, Map<String, Set<String>> allow, Map<String, Set<String>> deny) {
        this.plane = plane;
        this.allow = Map.copyOf(allow);
        this.deny = Map.copyOf(deny);
    }

    /** A denial, or {@code null} when the agent may call the tool. */
    public Decision check(String agentId, String tool) {
        if (matches(deny.get(agentId), tool) || matches(deny.get(ANY_AGENT), tool)) {
            return deny("tool '" + tool + "' is on the deny list of agent '" + agentId + "'",
                    ActionCodes.TOOL_DENIED, RULE_DENY_LIST);
        }
        Set<String> own = allow.get(agentId);
        Set<String> any = allow.get(ANY_AGENT);
        if ((own != null || any != null) && !matches(own, tool) && !matches(any, tool)) {
            return deny("tool '" + tool + "' is not on the allow list of agent '" + agentId + "'",
                    ActionCodes.TOOL_NOT_ALLOWED, RULE_ALLOW_LIST);
        }
        return null;
    }

    static boolean matches(Set<String> patterns, String tool) {
        if (patterns == null) {
            return false;
        }
        if (patterns.contains(tool)) {
            return true;
        }
        for (String p : patterns) {
            if (p.endsWith("*") && tool.startsWith(p.substring(0, p.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    private Decision deny(String reason, String code, String rule) {
        return Decision.deny(reason, code, new Basis(plane, null, null, List.of(rule), Basis.Mode.ENFORCE));
    }
}
