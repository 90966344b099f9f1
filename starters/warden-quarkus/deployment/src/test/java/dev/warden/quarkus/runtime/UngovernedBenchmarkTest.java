package dev.warden.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.enterprise.inject.spi.DeploymentException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The load harness's ungoverned baseline is never available where users are served. */
class UngovernedBenchmarkTest {

    @Test
    void prod_refuses_to_start_ungoverned() {
        assertThatThrownBy(() -> UngovernedBenchmark.enabled(true, List.of("prod")))
                .isInstanceOf(DeploymentException.class).hasMessageContaining("WARDEN-API-0510")
                .hasMessageContaining("warden.benchmark.ungoverned");
        assertThatThrownBy(() -> UngovernedBenchmark.enabled(true, List.of("postgres", "prod")))
                .hasMessageContaining("WARDEN-API-0510");
    }

    @Test
    void governed_unless_asked_in_every_profile() {
        assertThat(UngovernedBenchmark.enabled(false, List.of("prod"))).isFalse();
        assertThat(UngovernedBenchmark.enabled(false, List.of("demo"))).isFalse();
    }

    @Test
    void only_a_benchmarking_profile_may_run_the_ungoverned_baseline() {
        assertThat(UngovernedBenchmark.enabled(true, List.of("demo", "bench"))).isTrue();
        assertThat(UngovernedBenchmark.enabled(true, List.of("test"))).isTrue();
        for (List<String> deployed : List.<List<String>>of(List.of("demo"), List.of("staging"), List.of("kubernetes"), List.of(),
                List.of("bench", "prod"))) {
            assertThatThrownBy(() -> UngovernedBenchmark.enabled(true, deployed)).as("%s", deployed)
                    .isInstanceOf(DeploymentException.class).hasMessageContaining("WARDEN-API-0510");
        }
    }
}
