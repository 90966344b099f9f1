package dev.warden.quarkus.langchain4j.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** warden-quarkus-langchain4j is a Quarkus extension: its runtime jar names this deployment module, which adds its feature. */
class WardenLangChain4jExtensionTest {
    @Test
    void the_runtime_jar_names_its_deployment_artifact() throws IOException {
        Properties descriptor = new Properties();
        try (InputStream in = Files.newInputStream(
                Path.of("../runtime/target/classes/META-INF/quarkus-extension.properties"))) {
            descriptor.load(in);
        }
        assertThat(descriptor.getProperty("deployment-artifact"))
                .startsWith("dev.warden:warden-quarkus-langchain4j-deployment:");
    }

    @Test
    void the_extension_installs_its_feature() {
        assertThat(new WardenLangChain4jProcessor().feature().getName()).isEqualTo("warden-langchain4j");
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
