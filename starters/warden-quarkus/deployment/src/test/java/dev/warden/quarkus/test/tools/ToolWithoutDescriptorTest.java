package dev.warden.quarkus.test.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.Effect;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.quarkus.WardenAgent;
import dev.warden.quarkus.test.TellerModel;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code @Tool} without a {@code @ToolGovernance} descriptor fails the BUILD (it used to start and run as an
 * ungoverned HIGH-risk tool), whether it sits on the agent or on a tool class the agent lists; so do two tools of one
 * agent with one name.
 */
class ToolWithoutDescriptorTest {
    @WardenAgent(id = "clerk", policies = "teller", tools = ClerkTools.class)
    public static class ClerkAgent {
        @Tool(name = "stamp", value = "Stamps a form")
        public String stamp() {
            return "stamped";
        }
    }

    @Singleton
    public static class ClerkTools {
        @Tool(name = "file_form", value = "Files a form")
        public String fileForm(String form) {
            return "filed " + form;
        }

        @Tool(name = "stamp", value = "Stamps a form, again")
        @ToolGovernance(effects = Effect.WRITE)
        public String stampAgain() {
            return "stamped";
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ClerkAgent.class, ClerkTools.class, TellerModel.class)
                    .addAsResource("policies/teller.yaml"))
            .overrideConfigKey("warden.policy.locations", "classpath:policies/teller.yaml")
            .overrideConfigKey("warden.audit.store", "memory")
            .overrideConfigKey("quarkus.http.test-port", "0")
            .assertException(e -> {
                assertThat(e).isInstanceOf(DeploymentException.class);
                assertThat(e).hasMessageContaining("tool 'stamp' (" + ClerkAgent.class.getName() + "#stamp) has no"
                        + " @ToolGovernance descriptor");
                assertThat(e).hasMessageContaining("tool 'file_form' (" + ClerkTools.class.getName() + "#fileForm)"
                        + " has no @ToolGovernance descriptor");
                assertThat(e).hasMessageContaining("@WardenAgent 'clerk' has two tools named 'stamp'");
            });

    @Test
    void build_fails() {
        fail("the application must not start");
    }
}
