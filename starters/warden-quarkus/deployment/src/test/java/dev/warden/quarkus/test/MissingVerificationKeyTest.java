package dev.warden.quarkus.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** L2: a configured token key file that does not exist stops the start, instead of a 500 on every request. */
class MissingVerificationKeyTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TellerAgent.class, TellerModel.class, TellerPlane.class)
                    .addAsResource("policies/teller.yaml")
                    .addAsResource("teller-application.properties", "application.properties"))
            .overrideConfigKey("mp.jwt.verify.publickey.location", "file:target/no-such-dir/issuer-public.pem")
            .assertException(e -> {
                Throwable t = e;
                while (t.getCause() != null && !t.getMessage().contains("WARDEN-API-0122")) {
                    t = t.getCause();
                }
                assertThat(t.getMessage()).contains("WARDEN-API-0122").contains("issuer-public.pem")
                        .contains("cannot be read");
            });

    @Test
    void start_fails() {
        fail("the application must not start without its token verification key");
    }
}
