package dev.warden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What each packaged banking jar carries (decision 0053): Hibernate builds an inactive persistence unit's metadata at
 * every start, so the default jar leaves the shared inventory out and the shared-inventory jar carries it.
 */
class SamplePackagingTest {

    static List<String> libraries(Path runJar) throws IOException {
        try (Stream<Path> jars = Files.list(runJar.getParent().resolve("lib").resolve("main"))) {
            return jars.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static boolean hibernate(String jar) {
        return jar.startsWith("org.hibernate") || jar.contains("quarkus-hibernate")
                || jar.contains("warden-quarkus-inventory-postgres");
    }

    @Test
    void the_default_jar_leaves_hibernate_out_and_the_shared_inventory_jar_carries_it() throws IOException {
        List<String> banking = libraries(SampleProcess.bankingJar());
        assertThat(banking.stream().filter(SamplePackagingTest::hibernate)).as("default banking jar").isEmpty();
        assertThat(banking).as("the in-memory inventory and the PostgreSQL audit stay in the default jar")
                .anyMatch(j -> j.matches("dev\\.warden\\.warden-quarkus-inventory-\\d.*"))
                .anyMatch(j -> j.matches("dev\\.warden\\.warden-quarkus-postgres-\\d.*"));
        assertThat(libraries(SampleProcess.sharedInventoryBankingJar())).as("shared-inventory jar")
                .anyMatch(j -> j.contains("warden-quarkus-inventory-postgres"))
                .anyMatch(j -> j.startsWith("org.hibernate.orm.hibernate-core"))
                .anyMatch(j -> j.contains("warden-sample-banking-assistant-0"));
    }
}
