package dev.warden.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.VMOption;
import com.sun.management.VMOption.Origin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The idle compaction runs with lowered heap free ratios, and the idle ratios are back after it (decision 0071). */
class CompactionHeapRatiosTest {
    /** A JVM's two ratios: remembers every change, refuses a pair HotSpot would refuse (min above max). */
    static final class Jvm {
        final Map<String, VMOption> flags = new HashMap<>();
        final List<String> changes = new ArrayList<>();
        boolean refuseAll;

        Jvm(String min, Origin minOrigin, String max, Origin maxOrigin) {
            flags.put("MinHeapFreeRatio", new VMOption("MinHeapFreeRatio", min, true, minOrigin));
            flags.put("MaxHeapFreeRatio", new VMOption("MaxHeapFreeRatio", max, true, maxOrigin));
        }

        VMOption get(String name) {
            return flags.get(name);
        }

        void set(String name, String value) {
            if (refuseAll) {
                throw new IllegalArgumentException("not writeable");
            }
            int min = Integer.parseInt((name.equals("MinHeapFreeRatio") ? value : get("MinHeapFreeRatio").getValue()));
            int max = Integer.parseInt((name.equals("MaxHeapFreeRatio") ? value : get("MaxHeapFreeRatio").getValue()));
            if (min > max) {
                throw new IllegalArgumentException(name + "=" + value + " would put the minimum above the maximum");
            }
            flags.put(name, new VMOption(name, value, true, Origin.MANAGEMENT));
            changes.add(name + "=" + value);
        }

        String value(String name) {
            return get(name).getValue();
        }
    }

    @Test
    void the_compaction_runs_with_the_lowered_ratios_and_the_idle_ratios_come_back() {
        Jvm jvm = new Jvm("10", Origin.MANAGEMENT, "20", Origin.MANAGEMENT);
        Runnable restore = new CompactionHeapRatios(jvm::get, jvm::set, 5).lower();
        assertThat(jvm.value("MinHeapFreeRatio")).isEqualTo("5");
        assertThat(jvm.value("MaxHeapFreeRatio")).isEqualTo("5");
        restore.run();
        assertThat(jvm.value("MinHeapFreeRatio")).isEqualTo("10");
        assertThat(jvm.value("MaxHeapFreeRatio")).isEqualTo("20");
        assertThat(jvm.changes).containsExactly("MinHeapFreeRatio=5", "MaxHeapFreeRatio=5", "MaxHeapFreeRatio=20",
                "MinHeapFreeRatio=10");
    }

    @Test
    void ratios_the_operator_set_are_left_alone() {
        Jvm jvm = new Jvm("10", Origin.VM_CREATION, "20", Origin.MANAGEMENT);
        new CompactionHeapRatios(jvm::get, jvm::set, 5).lower().run();
        assertThat(jvm.changes).isEmpty();
    }

    @Test
    void a_maximum_already_at_or_under_the_compaction_ratio_is_left_alone() {
        Jvm jvm = new Jvm("0", Origin.DEFAULT, "5", Origin.MANAGEMENT);
        new CompactionHeapRatios(jvm::get, jvm::set, 5).lower().run();
        assertThat(jvm.changes).isEmpty();
    }

    @Test
    void a_jvm_that_refuses_the_flags_still_gets_its_compaction_and_keeps_its_ratios() {
        Jvm jvm = new Jvm("10", Origin.DEFAULT, "20", Origin.DEFAULT);
        jvm.refuseAll = true;
        Runnable restore = new CompactionHeapRatios(jvm::get, jvm::set, 5).lower();
        restore.run();
        assertThat(jvm.value("MinHeapFreeRatio")).isEqualTo("10");
        assertThat(jvm.value("MaxHeapFreeRatio")).isEqualTo("20");
    }
}
