package dev.warden.quarkus.inventory.postgres;

import dev.warden.testing.postgres.LocalPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The shared local PostgreSQL as the default datasource, and the policy as a watched file (so a test can change the
 * policy this replica serves, as an operator would).
 */
public class InventoryTestResource implements QuarkusTestResourceLifecycleManager {
    static final Path POLICIES = Path.of("target", "inventory-policies").toAbsolutePath();

    @Override
    public Map<String, String> start() {
        Map<String, String> props = new HashMap<>(LocalPostgres.shared().quarkusDatasourceProperties());
        props.remove("quarkus.datasource.db-kind");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("policies/counter.yaml")) {
            Files.createDirectories(POLICIES);
            Files.write(POLICIES.resolve("counter.yaml"), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        props.put("warden.policy.locations", "file:" + POLICIES);
        return props;
    }

    @Override
    public void stop() {
        // the shared server stops with the JVM
    }
}
