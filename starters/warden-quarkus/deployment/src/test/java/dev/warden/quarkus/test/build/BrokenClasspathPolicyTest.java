package dev.warden.quarkus.test.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.warden.quarkus.test.TellerAgent;
import dev.warden.quarkus.test.TellerModel;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.inject.spi.DeploymentException;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A policy on the classpath that does not type-check fails the build, naming file, line and rule. */
class BrokenClasspathPolicyTest {
    static final String BROKEN = """
            apiVersion: warden.dev/v1
            kind: PolicySet
            metadata: { name: teller, version: 1 }
            rules:
              - id: amount-cap
                plane: action-boundary
                on: [TOOL_CALL]
                when: tool.name == "send_money" && undeclared_amount > 10
                decision: deny
                reason: too much
            """;

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TellerAgent.class, TellerModel.class)
                    .addAsResource(new StringAsset(BROKEN), "policies/broken.yaml"))
            .overrideConfigKey("warden.policy.locations", "classpath:policies/broken.yaml,classpath:policies/gone.yaml")
            .overrideConfigKey("warden.audit.store", "memory")
            .overrideConfigKey("quarkus.http.test-port", "0")
            .assertException(e -> {
                assertThat(e).isInstanceOf(DeploymentException.class);
                String all = e.getMessage() + " " + java.util.Arrays.toString(e.getSuppressed());
                assertThat(all).contains("WARDEN-POL-0500").contains("classpath:policies/broken.yaml:8: rule amount-cap:")
                        .contains("WARDEN-POL-0501").contains("classpath:policies/gone.yaml");
            });

    @Test
    void build_fails_with_file_line_and_rule() {
        fail("the application must not start");
    }
}
