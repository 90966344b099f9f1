/**
 * SQL analysis for data sources: {@link dev.warden.policy.sql.SqlLineage} tells which table columns each result
 * column of a SELECT derives from, so a SQL tool can label its result by lineage (column classifications) rather
 * than by what the values look like. Public API.
 */
package dev.warden.policy.sql;
