package dev.warden.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import com.sun.management.VMOption.Origin;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** warden.runtime.memory.*: which G1 flags are set, in which order, and that the operator's own flags are kept. */
class IdleMemoryReturnTest {

    record Settings(boolean returnWhenIdle, Duration idleGcInterval, int maxHeapFreeRatio, int minHeapFreeRatio,
            boolean trimNativeHeap, boolean compactWhenIdle, int compactionMaxHeapFreeRatio) implements IdleMemoryReturn.Config {
    }

    static final Settings DEFAULTS = new Settings(true, Duration.ofSeconds(15), 20, 10, true, false, 5);

    static Function<String, VMOption> jvm(VMOption... options) {
        Map<String, VMOption> byName = new HashMap<>();
        for (VMOption o : options) {
            byName.put(o.getName(), o);
        }
        return name -> {
            VMOption o = byName.get(name);
            if (o == null) {
                throw new IllegalArgumentException("VM option \"" + name + "\" does not exist");
            }
            return o;
        };
    }

    @Test
    void flags_still_at_their_default_are_set_minimum_first_so_hotspot_accepts_them() {
        Map<String, String> plan = IdleMemoryReturn.plan(jvm(new VMOption("MinHeapFreeRatio", "40", true, Origin.DEFAULT),
                new VMOption("MaxHeapFreeRatio", "70", true, Origin.DEFAULT),
                new VMOption("G1PeriodicGCInterval", "0", true, Origin.DEFAULT)), IdleMemoryReturn.flags(DEFAULTS));
        assertThat(plan).containsExactly(Map.entry("MinHeapFreeRatio", "10"), Map.entry("MaxHeapFreeRatio", "20"),
                Map.entry("G1PeriodicGCInterval", "15000"));
    }

    @Test
    void a_minimum_above_the_current_maximum_is_set_after_the_maximum() {
        Map<String, String> plan = IdleMemoryReturn.plan(jvm(new VMOption("MinHeapFreeRatio", "5", true, Origin.DEFAULT),
                new VMOption("MaxHeapFreeRatio", "10", true, Origin.DEFAULT),
                new VMOption("G1PeriodicGCInterval", "0", true, Origin.DEFAULT)),
                IdleMemoryReturn.flags(new Settings(true, Duration.ofSeconds(15), 60, 30, true, false, 5)));
        assertThat(plan.keySet()).containsExactly("MaxHeapFreeRatio", "MinHeapFreeRatio", "G1PeriodicGCInterval");
    }

    @Test
    void flags_the_operator_set_are_kept_and_flags_this_jvm_lacks_are_skipped() {
        Map<String, String> plan = IdleMemoryReturn.plan(jvm(
                new VMOption("MinHeapFreeRatio", "40", true, Origin.VM_CREATION),
                new VMOption("MaxHeapFreeRatio", "70", true, Origin.ENVIRON_VAR)), IdleMemoryReturn.flags(DEFAULTS));
        assertThat(plan).isEmpty();
    }

    @Test
    void an_operator_minimum_above_the_wanted_maximum_keeps_the_maximum() {
        // -XX:MinHeapFreeRatio=30 on the command line: setting MaxHeapFreeRatio=20 would violate HotSpot's constraint
        Map<String, String> plan = IdleMemoryReturn.plan(jvm(
                new VMOption("MinHeapFreeRatio", "30", true, Origin.VM_CREATION),
                new VMOption("MaxHeapFreeRatio", "70", true, Origin.DEFAULT),
                new VMOption("G1PeriodicGCInterval", "0", true, Origin.DEFAULT)), IdleMemoryReturn.flags(DEFAULTS));

        assertThat(plan).doesNotContainKeys("MinHeapFreeRatio", "MaxHeapFreeRatio")
                .containsEntry("G1PeriodicGCInterval", "15000");
    }

    @Test
    void ratios_out_of_order_or_an_interval_under_a_second_fail_the_start() {
        assertThatThrownBy(() -> IdleMemoryReturn.flags(new Settings(true, Duration.ofSeconds(15), 10, 20, true, false,
                5)))
                .isInstanceOf(DeploymentException.class).hasMessageContaining("min-heap-free-ratio");
        assertThatThrownBy(() -> IdleMemoryReturn.flags(new Settings(true, Duration.ofMillis(10), 20, 10, true, false,
                5)))
                .isInstanceOf(DeploymentException.class).hasMessageContaining("idle-gc-interval");
        assertThatThrownBy(() -> IdleMemoryReturn.flags(new Settings(true, Duration.ofSeconds(15), 20, 10, true, true,
                101))).isInstanceOf(DeploymentException.class).hasMessageContaining("compaction-max-heap-free-ratio");
    }

    @Test
    void on_g1_the_running_jvm_takes_the_flags_and_reports_them_set_by_management() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        Assumptions.assumeTrue("true".equals(hotspot.getVMOption("UseG1GC").getValue()), "G1 only");
        IdleMemoryReturn memory = new IdleMemoryReturn(DEFAULTS, null);
        memory.onStart(null);
        try {
            for (Map.Entry<String, String> flag : IdleMemoryReturn.flags(DEFAULTS).entrySet()) {
                VMOption now = hotspot.getVMOption(flag.getKey());
                if (now.getOrigin() == Origin.MANAGEMENT || now.getOrigin() == Origin.DEFAULT) {
                    assertThat(now.getValue()).as(flag.getKey()).isEqualTo(flag.getValue());
                }
            }
        } finally {
            memory.stop();
            hotspot.setVMOption("G1PeriodicGCInterval", "0"); // leave the test JVM's collector as it was
        }
    }
}
