package dev.warden.quarkus.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.warden.policy.PolicyCodes;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A rule naming a data set nobody configured fails the start with file, rule and the set's name. */
class UnknownDataSetTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TellerAgent.class, TellerModel.class, TellerPlane.class)
                    .addAsResource("policies/teller.yaml")
                    .addAsResource("policies/datasets/unknown-set.yaml")
                    .addAsResource("dev-keys/test-only-public.pem")
                    .addAsResource("dev-keys/test-only-private.pem")
                    .addAsResource("teller-application.properties", "application.properties"))
            .overrideConfigKey("warden.policy.locations",
                    "classpath:policies/teller.yaml,classpath:policies/datasets/unknown-set.yaml")
            .assertException(e -> {
                StringBuilder messages = new StringBuilder();
                for (Throwable t = e; t != null; t = t.getCause()) {
                    messages.append(t.getMessage()).append('\n');
                }
                assertThat(messages.toString()).contains(PolicyCodes.UNKNOWN_DATA_SET, "unknown-set.yaml",
                        "needs-a-set", "sanctioned");
            });

    @Test
    void start_fails() {
        fail("the application must not start");
    }
}
