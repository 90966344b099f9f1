package dev.warden.quarkus.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AgentIdentity;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Principal;
import dev.warden.core.ToolDescriptor;
import dev.warden.policy.PolicyEngine;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Data sets configured inline and from a file, read by rules with {@code dataset.contains}. */
class PolicyDataSetsTest {
    static final Path FILE = file();

    static Path file() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "data-sets-test"));
            return Files.writeString(dir.resolve("beneficiaries.yaml"),
                    "# approved beneficiaries\n- DE02120300000000202051\n- \"FR14 2004 1010 0505 0001 3M02 606\"\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TellerAgent.class, TellerModel.class, TellerPlane.class)
                    .addAsResource("policies/teller.yaml")
                    .addAsResource("policies/datasets/teller-datasets.yaml")
                    .addAsResource("dev-keys/test-only-public.pem")
                    .addAsResource("dev-keys/test-only-private.pem")
                    .addAsResource("teller-application.properties", "application.properties"))
            .overrideConfigKey("warden.policy.locations",
                    "classpath:policies/teller.yaml,classpath:policies/datasets/teller-datasets.yaml")
            .overrideConfigKey("warden.policy.data-sets.blocked-ibans.values", "GB33BUKB20201555555555")
            .overrideConfigKey("warden.policy.data-sets.beneficiaries.file", FILE.toAbsolutePath().toString());

    @Inject
    PolicyEngine engine;

    private Decision send(String recipient, double amount) {
        ToolDescriptor send = ToolDescriptor.named("send_money", Effect.FINANCIAL, Effect.WRITE);
        return engine.evaluate("action-boundary", CheckpointRequest.toolCall(1, send, "c1",
                Map.of("recipient", recipient, "amount", amount)),
                GovernanceContext.of(Principal.of("alice", "customer"), AgentIdentity.of("teller")));
    }

    @Test
    void configured_values_and_file_values_are_read_by_rules() {
        assertThat(send("gb33 bukb 2020 1555 5555 55", 10)).isInstanceOfSatisfying(Decision.Deny.class,
                d -> assertThat(d.code()).isEqualTo("TELLER-0300"));
        assertThat(send("DE02120300000000202051", 500)).isInstanceOf(Decision.Allow.class);
        assertThat(send("FR1420041010050500013M02606", 500)).isInstanceOf(Decision.Allow.class);
        assertThat(send("FR7630006000011234567890189", 500)).isInstanceOfSatisfying(Decision.Deny.class,
                d -> assertThat(d.code()).isEqualTo("TELLER-0301"));
    }
}
