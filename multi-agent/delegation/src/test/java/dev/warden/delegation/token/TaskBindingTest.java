package dev.warden.delegation.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskBindingTest {
    @Test
    void digest_is_stable_and_changes_with_the_agent_or_any_character_of_the_task() {
        String d = TaskBinding.digest("analyst", "Summarise the Q3 report");
        assertThat(d).startsWith("sha256:").hasSize("sha256:".length() + 43);
        assertThat(TaskBinding.digest("analyst", "Summarise the Q3 report")).isEqualTo(d);
        assertThat(TaskBinding.digest("analyst", "Summarise the Q3 report ")).isNotEqualTo(d);
        assertThat(TaskBinding.digest("writer", "Summarise the Q3 report")).isNotEqualTo(d);
    }

    @Test
    void field_boundaries_cannot_be_shifted() {
        // without length prefixes "ab"+"c" and "a"+"bc" would be the same bytes
        assertThat(TaskBinding.digest("ab", "c")).isNotEqualTo(TaskBinding.digest("a", "bc"));
        assertThat(TaskBinding.digest(Map.of("agentId", "a", "task", "b")))
                .isEqualTo(TaskBinding.digest("a", "b"));
    }

    @Test
    void a_lone_surrogate_cannot_be_bound() {
        assertThatThrownBy(() -> TaskBinding.digest("analyst", "x\uD800"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
