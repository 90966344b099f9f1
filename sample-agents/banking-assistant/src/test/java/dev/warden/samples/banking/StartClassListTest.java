package dev.warden.samples.banking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sample's start-class list (decision 0070) goes stale when Warden's classes are renamed; a stale list only costs
 * start time, so this test says when to rewrite it with {@code integration-tests/benchmarks/start-classes.py}.
 */
class StartClassListTest {
    @Test
    void the_warden_classes_the_start_list_names_still_exist() throws Exception {
        List<String> warden;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/warden/start-classes.txt")) {
            assertThat(in).as("META-INF/warden/start-classes.txt on the class path").isNotNull();
            warden = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(n -> n.startsWith("dev.warden.") && !generated(n))
                    .toList();
        }
        assertThat(warden).hasSizeGreaterThan(300);
        List<String> missing = warden.stream().filter(n -> !exists(n)).toList();
        assertThat(missing.size()).as("listed Warden classes that no longer exist: %s", missing)
                .isLessThanOrEqualTo(warden.size() / 20);
    }

    /** Classes Quarkus writes at build (beans, proxies, config implementations, REST filters and mappers). */
    private static boolean generated(String name) {
        return name.contains("_") || name.contains("$$") || name.contains("$Generated")
                || name.matches(".*\\$[0-9a-f]{40}");
    }

    private static boolean exists(String name) {
        try {
            Class.forName(name, false, StartClassListTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
