package dev.warden.quarkus.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.warden.quarkus.WardenAgent;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.inject.spi.DeploymentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An agent that names no policy set is a build error, not an ungoverned agent at run time. */
class AgentWithoutPoliciesTest {
    @WardenAgent(id = "rogue", policies = {})
    public static class RogueAgent {}

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(RogueAgent.class, TellerModel.class))
            .overrideConfigKey("warden.audit.store", "memory")
            .overrideConfigKey("quarkus.http.test-port", "0")
            .assertException(e -> {
                assertThat(e).isInstanceOf(DeploymentException.class);
                assertThat(e).hasMessageContaining("'rogue'").hasMessageContaining("names no policy set");
            });

    @Test
    void build_fails() {
        fail("the application must not start");
    }
}
