package dev.warden.quarkus.inventory.runtime;

import dev.warden.quarkus.inventory.InventoryModel.Tool;
import java.util.List;

/**
 * The inventory as CSV for GRC tools: one row per agent and tool (an agent without tools has one row with empty tool
 * columns). Fields are RFC 4180 quoted; a value starting with {@code = + - @} or a tab is prefixed with {@code '} so a
 * spreadsheet never evaluates a tool description or a policy name as a formula.
 */
final class InventoryCsv {
    static final String HEADER = "agent_id,services,owner,purpose,version,model,risk_tier,state,policy_sets,"
            + "tool,effects,tool_risk,source_labels,sink_clearance,schema_hash,declared,mcp_server";

    private InventoryCsv() {}

    static String write(List<InventoryViews.AgentDetail> agents) {
        StringBuilder b = new StringBuilder(HEADER).append("\r\n");
        for (InventoryViews.AgentDetail d : agents) {
            var a = d.agent();
            List<String> head = List.of(a.id(), String.join(";", a.services()), nz(a.owner()), nz(a.purpose()),
                    nz(a.version()), nz(a.model()), a.riskTier(), a.state(), String.join(";", a.policySets()));
            if (d.tools().isEmpty()) {
                row(b, head, List.of("", "", "", "", "", "", "", ""));
            }
            for (Tool t : d.tools()) {
                row(b, head, List.of(t.name(), String.join(";", t.effects()), t.risk(), t.sourceLabels(),
                        t.sinkClearance(), t.schemaHash(), String.valueOf(t.declared()), nz(t.mcpServer())));
            }
        }
        return b.toString();
    }

    private static void row(StringBuilder b, List<String> head, List<String> tail) {
        String sep = "";
        for (String v : head) {
            b.append(sep).append(field(v));
            sep = ",";
        }
        for (String v : tail) {
            b.append(',').append(field(v));
        }
        b.append("\r\n");
    }

    static String field(String v) {
        String s = v == null ? "" : v;
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            s = "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    private static String nz(String v) {
        return v == null ? "" : v;
    }
}
