package dev.warden.samples.crm;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/**
 * (Re)creates the {@code customers} table from the environment file and gives the reader account {@code SELECT}
 * on it, and nothing else. Portable SQL (H2 and PostgreSQL); on PostgreSQL the reader role is created unless it
 * exists already.
 */
final class CrmSeeder {
    private final CrmEnvironment env;
    private final String readerUser;
    private final String readerPassword;
    private final boolean h2;

    CrmSeeder(CrmEnvironment env, String readerUser, String readerPassword, boolean h2) {
        if (!readerUser.matches("[A-Za-z_][A-Za-z0-9_]{0,62}") || readerPassword.contains("'")) {
            throw new IllegalArgumentException("crm.db.reader-user must be a plain identifier and "
                    + "crm.db.reader-password must not contain a quote");
        }
        this.env = env;
        this.readerUser = readerUser;
        this.readerPassword = readerPassword;
        this.h2 = h2;
    }

    void seed(CrmDatabase db) {
        try {
            db.asOwner(this::seed);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot seed the CRM database: " + e.getMessage(), e);
        }
    }

    private Void seed(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (h2) {
                // keep an in-memory database alive between connections; only the owner may set this
                s.execute("SET DB_CLOSE_DELAY -1");
            }
            s.execute("DROP TABLE IF EXISTS customers");
            s.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR(200) NOT NULL, "
                    + "company VARCHAR(200), email VARCHAR(200), phone VARCHAR(50), ssn VARCHAR(20), "
                    + "tier VARCHAR(20), city VARCHAR(100), annual_revenue DECIMAL(14,2))");
            createReader(s);
            s.execute("GRANT SELECT ON customers TO " + readerUser);
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO customers (id, name, company, email, phone, ssn, "
                + "tier, city, annual_revenue) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (CrmEnvironment.Customer cu : env.customers) {
                p.setInt(1, cu.id);
                p.setString(2, cu.name);
                p.setString(3, cu.company);
                p.setString(4, cu.email);
                p.setString(5, cu.phone);
                p.setString(6, cu.ssn);
                p.setString(7, cu.tier);
                p.setString(8, cu.city);
                if (cu.annualRevenue == null) {
                    p.setNull(9, Types.DECIMAL);
                } else {
                    p.setBigDecimal(9, cu.annualRevenue);
                }
                p.addBatch();
            }
            p.executeBatch();
        }
        return null;
    }

    private void createReader(Statement s) throws SQLException {
        if (h2) {
            s.execute("CREATE USER IF NOT EXISTS " + readerUser + " PASSWORD '" + readerPassword + "'");
            return;
        }
        try {
            s.execute("CREATE ROLE " + readerUser + " LOGIN PASSWORD '" + readerPassword + "'");
        } catch (SQLException e) {
            if (!"42710".equals(e.getSQLState())) { // duplicate_object: the role exists, keep it
                throw e;
            }
        }
    }
}
