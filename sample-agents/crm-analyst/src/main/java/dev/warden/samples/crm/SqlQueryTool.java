package dev.warden.samples.crm;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.Confidentiality;
import dev.warden.core.Effect;
import dev.warden.core.Risk;
import dev.warden.core.tools.ResultLabels;
import dev.warden.core.tools.ToolGovernance;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sql.query}: SQL over the CRM database. The policy admits only statements a SQL parser classifies as
 * {@code SELECT}; behind it, the statement runs as the SELECT-only reader account on a read-only connection, so a
 * write is refused twice. The result is labelled by its <em>lineage</em>: the classification of every column it is
 * derived from ({@link CrmClassification}), so {@code SELECT REPLACE(ssn, '-', ' ') AS ref} is as RESTRICTED as
 * {@code ssn}, and {@code SELECT name, phone} is not RESTRICTED merely because the table also holds tax ids.
 */
@Singleton
public class SqlQueryTool {
    private static final int TIMEOUT_SECONDS = 10;
    private final CrmDatabase db;
    private final CrmClassification classification;

    SqlQueryTool(CrmDatabase db, CrmClassification classification) {
        this.db = db;
        this.classification = classification;
    }

    @Tool(name = "sql.query", value = "Run one read-only SQL query over the CRM database. Table customers(id, name, "
            + "company, email, phone, ssn, tier, city, annual_revenue)")
    @ToolGovernance(effects = Effect.READ, risk = Risk.MEDIUM, sourceLevel = Confidentiality.CONFIDENTIAL,
            sourceCategories = "PII")
    public String query(@P("one SQL SELECT statement") String query) {
        if (query == null || query.isBlank()) {
            return "refused: the query is empty";
        }
        ResultLabels.declare(classification.ofQuery(query));
        // per column too: a customer's own free text (company, city…) is untrusted wherever a query returns it
        ResultLabels.declareFields(classification.ofQueryColumns(query));
        try {
            return db.asReader(c -> {
                try (Statement s = c.createStatement()) {
                    s.setQueryTimeout(TIMEOUT_SECONDS);
                    if (!s.execute(query)) {
                        return "refused: not a query";
                    }
                    try (ResultSet rs = s.getResultSet()) {
                        List<Map<String, Object>> rows = CrmDatabase.rows(rs);
                        Map<String, Object> out = new LinkedHashMap<>();
                        out.put("rows", rows);
                        out.put("truncated", rows.size() == CrmDatabase.MAX_ROWS && rs.next());
                        return JsonText.of(out);
                    }
                }
            });
        } catch (SQLException e) {
            return "refused by the database: " + e.getMessage();
        }
    }
}
