package dev.warden.quarkus.langchain4j.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.quarkus.test.ExtensionShapeTest;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** warden-quarkus-langchain4j is a Quarkus extension: its runtime jar names this deployment module, which adds its feature. */
class WardenLangChain4jExtensionTest extends ExtensionShapeTest {
    WardenLangChain4jExtensionTest() {
        super("warden-quarkus-langchain4j", "warden-langchain4j", () -> new WardenLangChain4jProcessor().feature());
    }

    @Test
    void classes_with_tool_methods_are_found_in_the_index() throws IOException {
        var index = org.jboss.jandex.Index.of(WithTools.class, WithoutTools.class);
        assertThat(WardenLangChain4jProcessor.toolClasses(index)).containsExactly(WithTools.class.getName());
    }

    static class WithTools {
        @dev.langchain4j.agent.tool.Tool("a tool")
        String lookUp(String key) {
            return key;
        }
    }

    static class WithoutTools {
        String lookUp(String key) {
            return key;
        }
    }
}
