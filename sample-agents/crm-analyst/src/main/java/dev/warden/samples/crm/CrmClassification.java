package dev.warden.samples.crm;

import dev.warden.core.Confidentiality;
import dev.warden.core.Labels;
import dev.warden.policy.sql.ColumnLabels;
import dev.warden.policy.sql.SqlLineage;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * The classification of the CRM schema, from configuration: {@code crm.classification.<table>.<column>=LABELS}
 * ({@code RESTRICTED/PII}, {@code INTERNAL untrusted}). Columns nobody classified are {@code RESTRICTED/PII}: an
 * unclassified column is treated as the most sensitive kind rather than waved through. A key naming a column that
 * does not exist stops the start.
 */
@Singleton
public class CrmClassification {
    static final String PREFIX = "crm.classification.";
    static final Map<String, List<String>> CATALOG = Map.of("customers", CrmColumns.ALL);
    private final ColumnLabels labels;

    @jakarta.inject.Inject
    CrmClassification(Config config) {
        this(properties(config));
    }

    /** From {@code crm.classification.*} properties (other keys are ignored). */
    CrmClassification(Map<String, String> properties) {
        Map<String, Labels> classified = new HashMap<>();
        for (Map.Entry<String, String> p : properties.entrySet()) {
            String name = p.getKey();
            if (name.startsWith(PREFIX)) {
                String column = name.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
                String value = p.getValue();
                try {
                    classified.put(column, ColumnLabels.parse(value));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
                }
            }
        }
        this.labels = new ColumnLabels(CATALOG, classified, Labels.of(Confidentiality.RESTRICTED, "PII"));
    }

    private static Map<String, String> properties(Config config) {
        Map<String, String> out = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                out.put(name, config.getValue(name, String.class));
            }
        }
        return out;
    }

    /** Labels of the result of {@code sql}, by the columns it is derived from. */
    public Labels ofQuery(String sql) {
        return labels.of(SqlLineage.of(sql, labels.catalog()));
    }

    /** Labels of the whole {@code customers} record. */
    public Labels ofRecord() {
        return labels.of(SqlLineage.of("SELECT * FROM customers", labels.catalog()));
    }

    /**
     * Labels of each field of a {@code customers} record, by column name: what a record tool declares per field
     * ({@code ResultLabels.declareFields}), so a phone is CONFIDENTIAL, a tax id RESTRICTED and a customer's own
     * free text untrusted — per field, not per record.
     */
    public Map<String, Labels> ofRecordFields() {
        Map<String, Labels> out = new java.util.LinkedHashMap<>();
        for (String column : CrmColumns.ALL) {
            out.put(column, labels.of(new SqlLineage.ColumnRef("customers", column)));
        }
        return out;
    }

    /**
     * Labels of each output column of {@code sql}, by the name the result carries it under (the alias), from the
     * columns it is derived from: {@code SELECT company AS c} has an untrusted field {@code c}. Empty when the lineage
     * is unresolved (the whole result then carries the labels of every column touched, {@link #ofQuery}).
     */
    public Map<String, Labels> ofQueryColumns(String sql) {
        SqlLineage.Result r = SqlLineage.of(sql, labels.catalog());
        Map<String, Labels> out = new java.util.LinkedHashMap<>();
        if (!r.resolved()) {
            return out;
        }
        for (SqlLineage.OutputColumn c : r.columns()) {
            Labels l = Labels.PUBLIC;
            for (SqlLineage.ColumnRef ref : c.sources()) {
                l = l.join(labels.of(ref));
            }
            out.merge(c.name().toLowerCase(Locale.ROOT), l, Labels::join);
        }
        return out;
    }
}
