package dev.warden.core.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.warden.core.Effect;
import org.junit.jupiter.api.Test;

/** A tool registered with a specification computed beforehand (at build time) runs with exactly that one. */
class RecordedSpecificationTest {
    static class Lookup {
        @Tool(name = "look_up", value = "Looks a key up")
        @ToolGovernance(effects = Effect.READ)
        public String lookUp(@P("the key") String key) {
            return "value of " + key;
        }
    }

    @Test
    void a_tool_registered_with_a_recorded_specification_keeps_that_instance() throws Exception {
        var method = Lookup.class.getMethod("lookUp", String.class);
        ToolSpecification recorded = ToolSpecification.fromJson(ToolSpecifications.toolSpecificationFrom(method).toJson());
        ToolRegistry registry = ToolRegistry.builder().method(new Lookup(), method, recorded).build();
        assertThat(registry.descriptor("look_up").orElseThrow().specification()).isSameAs(recorded);
        assertThat(registry.specifications()).containsExactly(recorded);
    }

    @Test
    void a_specification_of_another_tool_is_refused() throws Exception {
        var method = Lookup.class.getMethod("lookUp", String.class);
        ToolSpecification other = ToolSpecification.builder().name("delete_all").build();
        assertThatThrownBy(() -> ToolRegistry.builder().method(new Lookup(), method, other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delete_all");
    }
}
