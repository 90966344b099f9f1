package dev.warden.testing.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class LocalPostgresTest {

    @Test
    void the_shared_server_accepts_the_test_user_and_is_reused() throws Exception {
        LocalPostgres pg = LocalPostgres.shared();
        assertThat(LocalPostgres.shared()).isSameAs(pg);
        try (Connection c = pg.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_user, current_database()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("warden");
            assertThat(rs.getString(2)).isEqualTo("warden");
        }
        assertThat(pg.reactiveUrl()).isEqualTo("postgresql://127.0.0.1:" + pg.port() + "/warden");
        assertThat(pg.quarkusDatasourceProperties()).containsEntry("quarkus.datasource.jdbc.url", pg.jdbcUrl());
    }

    @Test
    void a_wrong_password_is_refused() {
        LocalPostgres pg = LocalPostgres.shared();
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection(pg.jdbcUrl(), "warden", "wrong"))
                .isInstanceOf(SQLException.class).hasMessageContaining("password");
    }

    @Test
    void terminated_connections_are_closed_under_the_client() throws Exception {
        LocalPostgres pg = LocalPostgres.shared();
        try (Connection c = pg.connection()) {
            assertThat(pg.terminateConnections()).isGreaterThanOrEqualTo(1);
            assertThatThrownBy(() -> c.createStatement().execute("SELECT 1")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void code_in_another_class_loader_attaches_to_the_same_server_instead_of_starting_one() throws Exception {
        LocalPostgres pg = LocalPostgres.shared();
        java.net.URL classes = LocalPostgres.class.getProtectionDomain().getCodeSource().getLocation();
        try (java.net.URLClassLoader other = new java.net.URLClassLoader(new java.net.URL[] {classes},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> copy = other.loadClass(LocalPostgres.class.getName());
            assertThat(copy).isNotSameAs(LocalPostgres.class);
            Object attached = copy.getMethod("shared").invoke(null);
            assertThat(copy.getMethod("port").invoke(attached)).isEqualTo(pg.port());
            copy.getMethod("close").invoke(attached); // not the owner: must not stop the server
        }
        try (Connection c = pg.connection(); Statement s = c.createStatement()) {
            assertThat(s.execute("SELECT 1")).isTrue();
        }
    }
}
