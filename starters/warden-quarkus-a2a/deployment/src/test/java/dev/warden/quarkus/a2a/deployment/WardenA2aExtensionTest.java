package dev.warden.quarkus.a2a.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** warden-quarkus-a2a is a Quarkus extension: its runtime jar names this deployment module, which adds its feature. */
class WardenA2aExtensionTest {
    @Test
    void the_runtime_jar_names_its_deployment_artifact() throws IOException {
        Properties descriptor = new Properties();
        try (InputStream in = Files.newInputStream(
                Path.of("../runtime/target/classes/META-INF/quarkus-extension.properties"))) {
            descriptor.load(in);
        }
        assertThat(descriptor.getProperty("deployment-artifact")).startsWith("dev.warden:warden-quarkus-a2a-deployment:");
    }

    @Test
    void the_extension_installs_its_feature_and_excludes_the_sdk_beans() {
        assertThat(new WardenA2aProcessor().feature().getName()).isEqualTo("warden-a2a");
        assertThat(new WardenA2aProcessor().sdkBeans().getMatch()).isEqualTo("io.a2a.**");
    }

    @Test
    void the_runtime_jar_sets_no_arc_exclusion_an_application_could_replace() {
        assertThat(Path.of("../runtime/target/classes/META-INF/microprofile-config.properties")).doesNotExist();
    }
}
