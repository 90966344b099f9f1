package dev.warden.quarkus.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.warden.policy.PolicyCodes;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A rule comparing a text parameter with a number never applies as written: the start fails naming file and rule. */
class PolicyArgumentTypeTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TellerAgent.class, TellerModel.class, TellerPlane.class)
                    .addAsResource("policies/teller.yaml")
                    .addAsResource("policies/datasets/mistyped.yaml")
                    .addAsResource("dev-keys/test-only-public.pem")
                    .addAsResource("dev-keys/test-only-private.pem")
                    .addAsResource("teller-application.properties", "application.properties"))
            .overrideConfigKey("warden.policy.locations",
                    "classpath:policies/teller.yaml,classpath:policies/datasets/mistyped.yaml")
            .assertException(e -> {
                StringBuilder messages = new StringBuilder();
                for (Throwable t = e; t != null; t = t.getCause()) {
                    messages.append(t.getMessage()).append('\n');
                }
                assertThat(messages.toString()).contains(PolicyCodes.ARGUMENT_TYPE, "mistyped.yaml",
                        "amount-as-text", "args.recipient", "send_money");
            });

    @Test
    void start_fails() {
        fail("the application must not start");
    }
}
