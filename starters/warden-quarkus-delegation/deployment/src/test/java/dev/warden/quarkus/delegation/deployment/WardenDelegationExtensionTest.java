package dev.warden.quarkus.delegation.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** warden-quarkus-delegation is a Quarkus extension: its runtime jar names this deployment module, which adds its feature, and makes the delegation wire records reflective for a native image. */
class WardenDelegationExtensionTest {
    @Test
    void the_runtime_jar_names_its_deployment_artifact() throws IOException {
        Properties descriptor = new Properties();
        try (InputStream in = Files.newInputStream(
                Path.of("../runtime/target/classes/META-INF/quarkus-extension.properties"))) {
            descriptor.load(in);
        }
        assertThat(descriptor.getProperty("deployment-artifact"))
                .startsWith("dev.warden:warden-quarkus-delegation-deployment:");
    }

    @Test
    void the_extension_installs_its_feature() {
        assertThat(new WardenDelegationProcessor().feature().getName()).isEqualTo("warden-delegation");
    }

    @Test
    void the_delegation_wire_records_are_reflective() {
        assertThat(new WardenDelegationProcessor().wireRecords().getClassNames())
                .contains("dev.warden.delegation.remote.DelegationWire$Call",
                        "dev.warden.delegation.remote.DelegationWire$Reply");
    }
}
