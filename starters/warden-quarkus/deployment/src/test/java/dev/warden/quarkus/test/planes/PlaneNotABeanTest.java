package dev.warden.quarkus.test.planes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.quarkus.test.TellerModel;
import dev.warden.spi.PolicyPlane;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A plane someone forgot to make a bean is a build error, not a plane that is silently never consulted. */
class PlaneNotABeanTest {
    /** No scope annotation: not a bean. */
    public static class ForgottenRatePlane implements PolicyPlane {
        @Override
        public String name() {
            return "per-user-rate";
        }

        @Override
        public Set<Checkpoint> checkpoints() {
            return Set.of(Checkpoint.TOOL_CALL);
        }

        @Override
        public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
            return Decision.deny(name(), "over the rate");
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ForgottenRatePlane.class, TellerModel.class))
            .overrideConfigKey("warden.audit.store", "memory")
            .overrideConfigKey("quarkus.http.test-port", "0")
            .assertException(e -> {
                assertThat(e).isInstanceOf(DeploymentException.class);
                assertThat(e).hasMessageContaining(ForgottenRatePlane.class.getName())
                        .hasMessageContaining("implements PolicyPlane but is not a CDI bean");
            });

    @Test
    void build_fails() {
        fail("the application must not start");
    }
}
