package dev.warden.quarkus.postgres.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.quarkus.test.ExtensionShapeTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** warden-quarkus-postgres is a Quarkus extension: its runtime jar names this deployment module, which adds its feature, and registers its Flyway scripts for a native image. */
class WardenPostgresExtensionTest extends ExtensionShapeTest {
    WardenPostgresExtensionTest() {
        super("warden-quarkus-postgres", "warden-postgres", () -> new WardenPostgresProcessor().feature());
    }

    @Test
    void the_flyway_scripts_are_native_resources() throws IOException {
        var patterns = new WardenPostgresProcessor().migrations().getIncludePatterns();
        assertThat(patterns).hasSize(1);
        // the builder turns the glob into the regular expression native-image is given
        var pattern = java.util.regex.Pattern.compile(patterns.get(0));
        Path resources = Path.of("../runtime/src/main/resources");
        try (Stream<Path> files = Files.walk(resources.resolve("db/migration/warden"))) {
            var scripts = files.filter(f -> f.toString().endsWith(".sql"))
                    .map(f -> resources.relativize(f).toString().replace('\\', '/')).toList();
            assertThat(scripts).isNotEmpty().allMatch(f -> pattern.matcher(f).matches());
        }
    }
}
