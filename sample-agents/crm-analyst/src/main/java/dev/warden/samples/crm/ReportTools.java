package dev.warden.samples.crm;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.Effect;
import dev.warden.core.Risk;
import dev.warden.core.tools.ToolGovernance;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * {@code reports.export}: writes the first {@code rows} customers (without tax ids) as a CSV report. Who may export
 * is the policies' question (role-dependent); the exported reports are observable through {@link #reports()}.
 */
@Singleton
public class ReportTools {
    /** An exported report. */
    public record Report(String name, int rows, String csv) {}

    private static final String COLUMNS = "id,name,company,email,phone,tier,city,annual_revenue";
    private final CrmDatabase db;
    private final List<Report> reports = new CopyOnWriteArrayList<>();

    ReportTools(CrmDatabase db) {
        this.db = db;
    }

    @Tool(name = "reports.export", value = "Export the first n customers as a CSV report")
    @ToolGovernance(effects = {Effect.READ, Effect.WRITE}, risk = Risk.HIGH)
    public synchronized String export(@P("number of customer rows") int rows) {
        if (rows < 1) {
            return "refused: rows must be at least 1";
        }
        try {
            List<Map<String, Object>> data = db.asReader(c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM customers ORDER BY id")) {
                    s.setMaxRows(Math.min(rows, CrmDatabase.MAX_ROWS));
                    try (ResultSet rs = s.executeQuery()) {
                        return CrmDatabase.rows(rs);
                    }
                }
            });
            String csv = COLUMNS + "\n" + data.stream()
                    .map(r -> r.values().stream().map(v -> v == null ? "" : csvCell(v.toString()))
                            .collect(Collectors.joining(",")))
                    .collect(Collectors.joining("\n"));
            Report report = new Report("report-" + (reports.size() + 1) + ".csv", data.size(), csv);
            reports.add(report);
            return "exported " + report.rows() + " rows as " + report.name();
        } catch (SQLException e) {
            return "refused by the database: " + e.getMessage();
        }
    }

    /** Reports exported so far, oldest first. */
    public List<Report> reports() {
        return List.copyOf(reports);
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
