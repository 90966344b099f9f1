package dev.warden.quarkus.postgres;

import dev.warden.testing.postgres.LocalPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points a {@code @QuarkusTest} application's default datasource at the shared local PostgreSQL. */
public class LocalPostgresResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        Map<String, String> props = new java.util.HashMap<>(LocalPostgres.shared().quarkusDatasourceProperties());
        props.remove("quarkus.datasource.db-kind"); // build-time: fixed in application.properties
        return props;
    }

    @Override
    public void stop() {
        // the shared server stops with the JVM
    }
}
