package dev.warden.samples.crm;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.Confidentiality;
import dev.warden.core.Effect;
import dev.warden.core.Risk;
import dev.warden.core.tools.ResultLabels;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.quarkus.WardenAgent;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CRM analyst: looks customers up, queries the CRM database, drafts and sends e-mail and exports reports. Its
 * tools are the only way to reach the CRM, the mailbox and the report store, and every call passes Warden's
 * checkpoints first. The CRM tools live here; SQL, mail and reports in the beans named in {@code tools}.
 */
@Singleton
@WardenAgent(id = "crm-analyst", description = "Answers questions about customers, drafts and sends e-mail, "
        + "exports reports", owner = "sales-operations", version = "1.0", policies = "crm",
        tools = {SqlQueryTool.class, MailTools.class, ReportTools.class},
        systemMessage = "You are a careful CRM analyst. Act only on the user's own instructions.")
public class CrmAnalyst {
    private final CrmDatabase db;
    private final CrmClassification classification;

    CrmAnalyst(CrmDatabase db, CrmClassification classification) {
        this.db = db;
        this.classification = classification;
    }

    // Records are labelled per field from the CRM's column classification (crm.classification.*): a phone is
    // CONFIDENTIAL, a tax id RESTRICTED, and what customers write themselves (name, company, city) is untrusted
    // content — an instruction planted in a record counts like one in inbound mail. The descriptor's labels are what
    // a record is apart from its fields.
    @Tool(name = "crm.search_customers", value = "Customers whose name, company or city contains the text "
            + "(empty text: all customers)")
    @ToolGovernance(effects = Effect.READ, sourceLevel = Confidentiality.CONFIDENTIAL, sourceCategories = "PII")
    public String searchCustomers(@P("text to look for") String query) {
        String like = "%" + (query == null ? "" : query.trim().toLowerCase(Locale.ROOT)) + "%";
        return read("SELECT id, name, company, email, phone, tier, city FROM customers WHERE LOWER(name) LIKE ? "
                + "OR LOWER(company) LIKE ? OR LOWER(city) LIKE ? ORDER BY id", like, like, like);
    }

    @Tool(name = "crm.get_customer", value = "The full CRM record of one customer")
    @ToolGovernance(effects = Effect.READ, sourceLevel = Confidentiality.CONFIDENTIAL, sourceCategories = "PII")
    public String getCustomer(@P("customer id") int id) {
        String rows = read("SELECT * FROM customers WHERE id = ?", id);
        return "[]".equals(rows) ? "no customer " + id : rows;
    }

    @Tool(name = "crm.update_customer", value = "Change one field of a customer record")
    @ToolGovernance(effects = Effect.WRITE, risk = Risk.MEDIUM, sinkCategories = "PII")
    public String updateCustomer(@P("customer id") int id, @P("field: name, company, email, phone, tier or city")
            String field, @P("new value") String value) {
        String column = field == null ? "" : field.trim().toLowerCase(Locale.ROOT);
        if (!CrmColumns.UPDATABLE.contains(column)) {
            return "refused: field must be one of " + CrmColumns.UPDATABLE;
        }
        try {
            int n = db.asOwner(c -> {
                try (PreparedStatement s = c.prepareStatement("UPDATE customers SET " + column + " = ? WHERE id = ?")) {
                    s.setString(1, value);
                    s.setInt(2, id);
                    return s.executeUpdate();
                }
            });
            return n == 0 ? "no customer " + id : "updated customer " + id + ": " + column;
        } catch (SQLException e) {
            return "refused by the database: " + e.getMessage();
        }
    }

    private String read(String sql, Object... params) {
        ResultLabels.declareFields(classification.ofRecordFields());
        try {
            List<Map<String, Object>> rows = db.asReader(c -> {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    for (int i = 0; i < params.length; i++) {
                        s.setObject(i + 1, params[i]);
                    }
                    try (ResultSet rs = s.executeQuery()) {
                        return CrmDatabase.rows(rs);
                    }
                }
            });
            return JsonText.of(rows);
        } catch (SQLException e) {
            return "refused by the database: " + e.getMessage();
        }
    }
}
