package dev.warden.samples.crm;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The CRM database over plain JDBC: an embedded H2 database by default, PostgreSQL (or any JDBC database with a
 * driver on the class path) when {@code crm.db.url} names one. At startup the {@code customers} table is (re)created
 * from the environment file unless {@code crm.db.seed=false}.
 *
 * <p>Reads go through a separate <em>reader</em> account that has only {@code SELECT} rights, on a connection marked
 * read-only: defence in depth behind the policy's SQL check, so even a tool called around Warden cannot write.
 * Writes ({@code crm.update_customer}) use the owner account. Thread-safe: every call opens its own connection.
 */
@Singleton
public class CrmDatabase {
    /** Most rows a query returns; the rest is cut (and the cut is said in the result). */
    public static final int MAX_ROWS = 200;

    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final String url;
    private final Driver driver;
    private final Properties owner = new Properties();
    private final Properties reader = new Properties();

    CrmDatabase(CrmEnvironment env,
            @ConfigProperty(name = "crm.db.url", defaultValue = "jdbc:h2:mem:crm") String url,
            @ConfigProperty(name = "crm.db.owner-user", defaultValue = "sa") String ownerUser,
            @ConfigProperty(name = "crm.db.owner-password") Optional<String> ownerPassword,
            @ConfigProperty(name = "crm.db.reader-user", defaultValue = "crm_reader") String readerUser,
            @ConfigProperty(name = "crm.db.reader-password", defaultValue = "crm-reader-dev") String readerPassword,
            @ConfigProperty(name = "crm.db.seed", defaultValue = "true") boolean seed) {
        this.url = url;
        this.driver = driverFor(url);
        owner.setProperty("user", ownerUser);
        owner.setProperty("password", ownerPassword.orElse(""));
        reader.setProperty("user", readerUser);
        reader.setProperty("password", readerPassword);
        if (seed) {
            new CrmSeeder(env, readerUser, readerPassword, url.startsWith("jdbc:h2:")).seed(this);
        }
    }

    /** Runs {@code work} on a read-only connection of the SELECT-only reader account; always rolls back. */
    public <T> T asReader(Work<T> work) throws SQLException {
        try (Connection c = connect(reader)) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try {
                return work.apply(c);
            } finally {
                c.rollback();
            }
        }
    }

    /** Runs {@code work} as the owner account (auto-commit); only the seeder and governed write tools use it. */
    public <T> T asOwner(Work<T> work) throws SQLException {
        try (Connection c = connect(owner)) {
            return work.apply(c);
        }
    }

    /** Number of rows in the customers table, read as the owner (for tests and operators, not a tool). */
    public long customerCount() {
        try {
            return asOwner(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM customers")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count customers: " + e.getMessage(), e);
        }
    }

    /** One customer's column value, read as the owner (for tests and operators, not a tool). */
    public String customerField(int id, String column) {
        String col = CrmColumns.require(column);
        try {
            return asOwner(c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT " + col + " FROM customers WHERE id = ?")) {
                    s.setInt(1, id);
                    try (ResultSet rs = s.executeQuery()) {
                        return rs.next() ? rs.getString(1) : null;
                    }
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read customer " + id + ": " + e.getMessage(), e);
        }
    }

    /** The rows of {@code rs} (at most {@link #MAX_ROWS}) as maps with lower-case column names, in column order. */
    public static List<Map<String, Object>> rows(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<Map<String, Object>> out = new ArrayList<>();
        while (out.size() < MAX_ROWS && rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                row.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
            }
            out.add(row);
        }
        return out;
    }

    private Connection connect(Properties account) throws SQLException {
        Connection c = driver.connect(url, account);
        if (c == null) {
            throw new SQLException("the driver " + driver.getClass().getName() + " does not accept " + redacted());
        }
        return c;
    }

    // Found through the class loader that loaded this class, not DriverManager's caller checks (which a
    // Quarkus class loader can trip over).
    private static Driver driverFor(String url) {
        for (Driver d : ServiceLoader.load(Driver.class, CrmDatabase.class.getClassLoader())) {
            try {
                if (d.acceptsURL(url)) {
                    return d;
                }
            } catch (SQLException e) {
                // a driver that cannot judge the URL does not take it
            }
        }
        throw new IllegalStateException("crm.db.url: no JDBC driver on the class path accepts "
                + (url.contains("?") ? url.substring(0, url.indexOf('?')) : url));
    }

    private String redacted() {
        return url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
    }
}
