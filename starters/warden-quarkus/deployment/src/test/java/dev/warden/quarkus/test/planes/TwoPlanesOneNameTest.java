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
import jakarta.inject.Singleton;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two planes with one name would make every decision, audit record and {@code plane:} rule ambiguous. */
class TwoPlanesOneNameTest {
    abstract static class QuotaPlane implements PolicyPlane {
        @Override
        public String name() {
            return "quota";
        }

        @Override
        public Set<Checkpoint> checkpoints() {
            return Set.of(Checkpoint.TOOL_CALL);
        }

        @Override
        public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
            return Decision.allow(name());
        }
    }

    @Singleton
    public static class DailyQuota extends QuotaPlane {}

    @Singleton
    public static class MonthlyQuota extends QuotaPlane {}

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(QuotaPlane.class, DailyQuota.class, MonthlyQuota.class,
                    TellerModel.class))
            .overrideConfigKey("warden.audit.store", "memory")
            .overrideConfigKey("quarkus.http.test-port", "0")
            .assertException(e -> {
                Throwable root = e;
                while (root.getCause() != null && !root.getMessage().contains("[Warden]")) {
                    root = root.getCause();
                }
                assertThat(root).hasMessageContaining("two policy planes are named 'quota'")
                        .hasMessageContaining(DailyQuota.class.getName())
                        .hasMessageContaining(MonthlyQuota.class.getName());
            });

    @Test
    void start_fails() {
        fail("the application must not start");
    }
}
