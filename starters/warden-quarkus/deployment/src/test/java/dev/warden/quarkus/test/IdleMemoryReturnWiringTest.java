package dev.warden.quarkus.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import dev.warden.quarkus.runtime.IdleMemoryReturn;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An application that sets {@code warden.runtime.memory.*} starts (the keys map to a root under the strict
 * {@code warden.*} validation) and, on G1, leaves with the idle-return flags set (decision 0053).
 */
class IdleMemoryReturnWiringTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TellerAgent.class, TellerModel.class)
                    .addAsResource("policies/teller.yaml"))
            .overrideConfigKey("warden.policy.locations", "classpath:policies/teller.yaml")
            .overrideConfigKey("warden.audit.store", "memory")
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("warden.runtime.memory.return-when-idle", "true")
            .overrideConfigKey("warden.runtime.memory.idle-gc-interval", "42s")
            .setLogRecordPredicate(r -> r.getLoggerName().equals(IdleMemoryReturn.class.getName()))
            .assertLogRecords(records -> assertThat(records).anyMatch(r -> String.valueOf(r.getParameters()[0])
                    .contains("MaxHeapFreeRatio=")));

    static final HotSpotDiagnosticMXBean HOTSPOT = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    @Inject
    IdleMemoryReturn.Config config;

    @Test
    void the_memory_keys_map_to_the_runtime_and_the_start_applied_them() {
        assertThat(config.returnWhenIdle()).isTrue();
        assertThat(config.idleGcInterval()).isEqualTo(Duration.ofSeconds(42));
        // the flags themselves: IdleMemoryReturnTest (an earlier test in this JVM may have set them by management)
    }

    @AfterAll
    static void leave_the_test_jvm_as_it_was() {
        if (HOTSPOT.getVMOption("G1PeriodicGCInterval").getOrigin() == VMOption.Origin.MANAGEMENT) {
            HOTSPOT.setVMOption("G1PeriodicGCInterval", "0");
        }
    }
}
