package dev.warden.quarkus.postgres;

import java.util.regex.Pattern;

/** Validates the schema name that is spliced into SQL text (it cannot be a bind parameter). */
final class SqlIdentifiers {
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private SqlIdentifiers() {}

    static String requireValid(String schema) {
        if (schema == null || !PLAIN.matcher(schema).matches()) {
            throw new IllegalArgumentException(PostgresStoreCodes.message(PostgresStoreCodes.BAD_CONFIG,
                    "schema must be a lower-case SQL identifier ([a-z_][a-z0-9_]*), got '" + schema + "'"));
        }
        return schema;
    }
}
