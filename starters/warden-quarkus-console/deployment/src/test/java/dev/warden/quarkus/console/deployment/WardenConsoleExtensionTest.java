package dev.warden.quarkus.console.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.quarkus.console.ConsoleAssets;
import dev.warden.quarkus.test.ExtensionShapeTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * warden-quarkus-console is a Quarkus extension: its runtime jar names this deployment module, which adds its
 * feature, and names for a native image the templates and files the console reads from the classpath and the view
 * records its templates read by reflection.
 */
class WardenConsoleExtensionTest extends ExtensionShapeTest {
    WardenConsoleExtensionTest() {
        super("warden-quarkus-console", "warden-console", () -> new WardenConsoleProcessor().feature());
    }

    final WardenConsoleProcessor processor = new WardenConsoleProcessor();

    @Test
    void every_template_asset_and_script_is_a_native_resource() throws IOException {
        List<Pattern> patterns = processor.templatesAndAssets().getIncludePatterns().stream().map(Pattern::compile)
                .toList();
        Path resources = Path.of("../runtime/src/main/resources");
        List<String> files;
        try (Stream<Path> walk = Files.walk(resources.resolve("warden-console"))) {
            files = walk.filter(Files::isRegularFile)
                    .map(f -> resources.relativize(f).toString().replace('\\', '/')).toList();
        }
        assertThat(files).contains("warden-console/templates/inbox.html", "warden-console/assets/console.js");
        assertThat(Stream.concat(files.stream(), Stream.of(ConsoleAssets.HTMX, ConsoleAssets.SSE)))
                .allMatch(f -> patterns.stream().anyMatch(p -> p.matcher(f).matches()), "named for the native image");
        // the webjar scripts are where the console serves them from
        assertThat(getClass().getClassLoader().getResource(ConsoleAssets.HTMX)).isNotNull();
        assertThat(getClass().getClassLoader().getResource(ConsoleAssets.SSE)).isNotNull();
    }

    @Test
    void the_records_the_templates_read_are_reflective() {
        assertThat(processor.viewRecords().getClassNames()).contains(
                "dev.warden.quarkus.console.ConsoleInventory$Agent", "dev.warden.quarkus.console.ConsoleInventory$Tool",
                "dev.warden.quarkus.console.ConsoleInventory$Result", "dev.warden.quarkus.console.RunTimeline$Row",
                "dev.warden.quarkus.console.RunTimeline$Plane", "dev.warden.quarkus.console.LoginPage$DemoUser",
                "dev.warden.quarkus.api.Dtos$ApprovalView", "dev.warden.quarkus.api.Dtos$ConfirmationView",
                "dev.warden.quarkus.inventory.runtime.AccessMap$View", "dev.warden.core.audit.DecisionRecord",
                "dev.warden.core.Principal");
    }
}
