package dev.warden.quarkus.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.deployment.builditem.FeatureBuildItem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What every Warden extension checks of itself in its deployment module (decisions 0038, 0044): its runtime jar's
 * extension descriptor names this deployment artifact, its runtime describes itself ({@code quarkus-extension.yaml}),
 * and its processor installs its feature. Each {@code Warden*ExtensionTest} extends this with its names and adds the
 * checks of its own build steps (native registration, index scans).
 *
 * <pre>{@code
 * class WardenPostgresExtensionTest extends ExtensionShapeTest {
 *     WardenPostgresExtensionTest() {
 *         super("warden-quarkus-postgres", "warden-postgres", () -> new WardenPostgresProcessor().feature());
 *     }
 * }
 * }</pre>
 */
public abstract class ExtensionShapeTest {
    /** Where a deployment module's tests find their runtime sibling. */
    static final Path RUNTIME = Path.of("../runtime");

    private final String artifactId;
    private final String feature;
    private final Supplier<FeatureBuildItem> installed;

    /**
     * @param artifactId the runtime artifact users depend on
     * @param feature the feature name Quarkus lists at startup
     * @param installed the processor's feature build step
     */
    protected ExtensionShapeTest(String artifactId, String feature, Supplier<FeatureBuildItem> installed) {
        this.artifactId = artifactId;
        this.feature = feature;
        this.installed = installed;
    }

    @Test
    public void the_runtime_jar_names_its_deployment_artifact() throws IOException {
        Properties descriptor = new Properties();
        try (InputStream in = Files.newInputStream(
                RUNTIME.resolve("target/classes/META-INF/quarkus-extension.properties"))) {
            descriptor.load(in);
        }
        assertThat(descriptor.getProperty("deployment-artifact"))
                .startsWith("dev.warden:" + artifactId + "-deployment:");
    }

    @Test
    public void the_runtime_describes_itself() throws IOException {
        assertThat(Files.readString(RUNTIME.resolve("src/main/resources/META-INF/quarkus-extension.yaml")))
                .contains("name: \"Warden").contains("description:");
    }

    @Test
    public void the_extension_installs_its_feature() {
        assertThat(installed.get().getName()).isEqualTo(feature);
    }
}
