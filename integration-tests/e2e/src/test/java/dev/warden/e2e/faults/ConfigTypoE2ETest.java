package dev.warden.e2e.faults;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.e2e.SampleProcess;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A misspelled {@code warden.*} key is not silently ignored (an operator who typed {@code warden.polcy.locations}
 * would otherwise run with the defaults): the packaged sample refuses to start, naming the key, so no call — let
 * alone a 900 EUR transfer — is ever served under a configuration nobody wrote.
 */
class ConfigTypoE2ETest {

    @Test
    void misspelled_warden_key_stops_the_start_and_names_the_key() {
        Path work = Path.of("target", "e2e-faults-config-typo").toAbsolutePath();
        assertThatThrownBy(() -> new SampleProcess(SampleProcess.bankingJar(), work, List.of(
                "-Dquarkus.profile=demo",
                "-Dwarden.audit.jsonl.path=" + work.resolve("audit/decisions.jsonl"),
                "-Dwarden.policy.relaod=true")).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sample exited")
                .hasMessageContaining("warden.policy.relaod");
    }
}
