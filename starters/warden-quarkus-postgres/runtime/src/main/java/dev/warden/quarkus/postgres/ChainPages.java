package dev.warden.quarkus.postgres;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The audit rows of one snapshot in chain order ({@code tenant, seq}), read a page at a time by key: each page starts
 * after the last key of the one before, so the read is resumable and needs no server-side cursor state.
 *
 * <p>Replaces a Vert.x {@code Cursor}: its {@code hasMore()} is set by a callback on the event loop without a
 * happens-before edge to the reading thread, and intermittently threw "No current cursor read" on a loaded machine. A
 * keyset page query asks nothing of shared client state; the enclosing REPEATABLE READ transaction keeps every page
 * in one snapshot.
 */
final class ChainPages implements Iterator<Row> {
    static final int PAGE = 1000;

    private final SqlConnection conn;
    private final String sql;
    private final String tenant;
    private final int pageSize;
    private final Duration timeout;
    private final Function<Throwable, RuntimeException> onError;
    private Iterator<Row> page = List.<Row>of().iterator();
    private String lastTenant;
    private long lastSeq;
    private boolean exhausted;

    /**
     * @param sql a query taking {@code $1} tenant filter (null: all), {@code $2}/{@code $3} the last key read (null:
     *     from the start) and {@code $4} the page size; it must order by {@code tenant, seq} and return both columns
     */
    ChainPages(SqlConnection conn, String sql, String tenant, int pageSize, Duration timeout,
            Function<Throwable, RuntimeException> onError) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be positive: " + pageSize);
        }
        this.conn = conn;
        this.sql = sql;
        this.tenant = tenant;
        this.pageSize = pageSize;
        this.timeout = timeout;
        this.onError = onError;
    }

    /** The keyset clause shared by every paged query: rows after ($2, $3), or all when $2 is null. */
    static String after(String select, String from) {
        return select + " FROM " + from + " WHERE ($1::text IS NULL OR tenant = $1)"
                + " AND ($2::text IS NULL OR (tenant, seq) > ($2::text, $3::int8)) ORDER BY tenant, seq LIMIT $4";
    }

    @Override
    public boolean hasNext() {
        if (!page.hasNext() && !exhausted) {
            Tuple args = Tuple.of(tenant, lastTenant, lastTenant == null ? null : lastSeq, pageSize);
            RowSet<Row> rows = Blocking.await(conn.preparedQuery(sql).execute(args), timeout, onError);
            exhausted = rows.size() < pageSize;
            page = rows.iterator();
        }
        return page.hasNext();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Row row = page.next();
        lastTenant = row.getString("tenant");
        lastSeq = row.getLong("seq");
        return row;
    }
}
