package dev.warden.policy.sql;

import dev.warden.core.Confidentiality;
import dev.warden.core.Integrity;
import dev.warden.core.Labels;
import dev.warden.policy.sql.SqlLineage.ColumnRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The classification of a schema's columns — labels per {@code table.column} — and the labels of a query result
 * by its {@link SqlLineage lineage}: the join of the labels of every column the result is derived from (output
 * columns and the columns that filter it). A column nobody classified takes {@code unclassified}; a result whose
 * lineage is unresolved takes the join of every column of the tables it touched, or of the whole schema when even
 * those are unknown — lineage errs towards more labels.
 *
 * <p>Integrity is classified too: a column written by outside parties (a customer's free-text {@code company} or
 * {@code note}) is {@code UNTRUSTED}, so instructions stored in data are treated like instructions in mail.
 *
 * <p>The textual form, for configuration, is Warden's label syntax with an optional integrity:
 * {@code RESTRICTED/PII}, {@code INTERNAL untrusted}, {@code PUBLIC} (see {@link #parse(String)}).
 */
public final class ColumnLabels {
    private final Map<String, List<String>> catalog;
    private final Map<ColumnRef, Labels> labels;
    private final Labels unclassified;

    /**
     * @param catalog table → its columns (any case)
     * @param classified {@code table.column} → labels (any case); columns not listed take {@code unclassified}
     * @param unclassified labels of columns nobody classified
     */
    public ColumnLabels(Map<String, List<String>> catalog, Map<String, Labels> classified, Labels unclassified) {
        this.catalog = LineageWalker.normalise(catalog);
        this.unclassified = unclassified;
        Map<ColumnRef, Labels> m = new LinkedHashMap<>();
        classified.forEach((key, value) -> {
            int dot = key.lastIndexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                throw new IllegalArgumentException("classification key must be table.column, got '" + key + "'");
            }
            ColumnRef ref = new ColumnRef(key.substring(0, dot), key.substring(dot + 1));
            List<String> cols = this.catalog.get(ref.table());
            if (cols == null || !cols.contains(ref.column())) {
                throw new IllegalArgumentException("classification names " + ref + ", which is not in the schema "
                        + this.catalog);
            }
            m.put(ref, value);
        });
        this.labels = Map.copyOf(m);
    }

    /** The catalog in the form {@link SqlLineage#of} takes. */
    public Map<String, List<String>> catalog() {
        return catalog;
    }

    /** Labels of one column. */
    public Labels of(ColumnRef column) {
        return labels.getOrDefault(column, unclassified);
    }

    /** Labels of a query result with lineage {@code r}. */
    public Labels of(SqlLineage.Result r) {
        List<ColumnRef> sources = new ArrayList<>();
        if (r.resolved()) {
            sources.addAll(r.allSources());
        } else {
            for (String table : r.tables().isEmpty() ? catalog.keySet() : r.tables()) {
                catalog.getOrDefault(table, List.of()).forEach(c -> sources.add(new ColumnRef(table, c)));
            }
            if (!r.tables().isEmpty() && r.tables().stream().anyMatch(t -> !catalog.containsKey(t))) {
                catalog.forEach((t, cols) -> cols.forEach(c -> sources.add(new ColumnRef(t, c))));
            }
        }
        Labels out = Labels.PUBLIC;
        for (ColumnRef c : sources) {
            out = out.join(of(c));
        }
        return out;
    }

    /**
     * Parses {@code LEVEL}, {@code LEVEL/CAT1,CAT2}, optionally followed by {@code untrusted} — the label syntax of
     * Warden's configuration ({@code RESTRICTED/PII}, {@code INTERNAL untrusted}).
     */
    public static Labels parse(String text) {
        String s = text == null ? "" : text.strip();
        boolean untrusted = false;
        if (s.toLowerCase(Locale.ROOT).endsWith(" untrusted")) {
            untrusted = true;
            s = s.substring(0, s.length() - " untrusted".length()).strip();
        }
        String[] parts = s.split("/", 2);
        Confidentiality level;
        try {
            level = Confidentiality.valueOf(parts[0].strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' must be LEVEL or LEVEL/CAT1,CAT2, optionally followed "
                    + "by 'untrusted', with LEVEL one of PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED", e);
        }
        List<String> categories = new ArrayList<>();
        if (parts.length == 2) {
            for (String c : parts[1].split(",")) {
                if (!c.isBlank()) {
                    categories.add(c.strip().toUpperCase(Locale.ROOT));
                }
            }
        }
        Labels l = Labels.of(level, categories);
        return untrusted ? l.withIntegrity(Integrity.UNTRUSTED) : l;
    }
}
