package dev.warden.testing.postgres;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Builds the driver's data sources, apart from {@link LocalPostgres} so that class loads without the driver (code in
 * another class loader attaches to the shared server through it).
 */
final class PgDataSources {
    private PgDataSources() {}

    static DataSource of(String url, String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(user);
        if (password != null) {
            ds.setPassword(password);
        }
        return ds;
    }
}
