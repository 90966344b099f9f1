package dev.warden.samples.crm;

import java.util.List;
import java.util.Locale;

/** The columns of the {@code customers} table; a column name only ever reaches SQL text after this check. */
final class CrmColumns {
    static final List<String> ALL = List.of("id", "name", "company", "email", "phone", "ssn", "tier", "city",
            "annual_revenue");
    /** What {@code crm.update_customer} could change (were the CRM not read-only for the agent). */
    static final List<String> UPDATABLE = List.of("name", "company", "email", "phone", "tier", "city");

    private CrmColumns() {}

    static String require(String column) {
        String c = column == null ? "" : column.trim().toLowerCase(Locale.ROOT);
        if (!ALL.contains(c)) {
            throw new IllegalArgumentException("no customer column '" + column + "'; columns: " + ALL);
        }
        return c;
    }
}
