package dev.warden.quarkus.inventory.postgres.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.quarkus.inventory.postgres.InventorySchema;
import dev.warden.quarkus.test.ExtensionShapeTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * warden-quarkus-inventory-postgres is a Quarkus extension: its runtime jar names this deployment module, which adds
 * its feature and registers the inventory's Flyway scripts for a native image.
 */
class WardenInventoryPostgresExtensionTest extends ExtensionShapeTest {
    WardenInventoryPostgresExtensionTest() {
        super("warden-quarkus-inventory-postgres", "warden-inventory-postgres",
                () -> new WardenInventoryPostgresProcessor().feature());
    }

    @Test
    void every_flyway_script_of_the_inventory_is_a_native_resource() throws IOException {
        var patterns = new WardenInventoryPostgresProcessor().migrations().getIncludePatterns();
        assertThat(patterns).hasSize(1);
        // the builder turns the glob into the regular expression native-image is given
        Pattern pattern = Pattern.compile(patterns.get(0));
        Path resources = Path.of("../runtime/src/main/resources");
        try (Stream<Path> files = Files.walk(resources.resolve(InventorySchema.LOCATION))) {
            var scripts = files.filter(f -> f.toString().endsWith(".sql"))
                    .map(f -> resources.relativize(f).toString().replace('\\', '/')).toList();
            assertThat(scripts).isNotEmpty().allMatch(f -> pattern.matcher(f).matches());
        }
    }
}
