package dev.warden.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuidePageTest {
    @TempDir
    Path dir;

    private GuidePage read(String markdown) throws Exception {
        Path page = dir.resolve("page.md");
        Files.writeString(page, markdown);
        return GuidePage.read(page);
    }

    @Test
    void only_blocks_tagged_with_a_file_are_project_files() throws Exception {
        GuidePage page = read("""
                Text.
                ```xml file=pom.xml
                <project/>
                ```
                ```
                ./mvnw verify
                ```
                ```java file=src/main/java/App.java
                class App {}
                ```
                """);
        assertThat(page.files()).containsOnlyKeys("pom.xml", "src/main/java/App.java")
                .containsEntry("src/main/java/App.java", "class App {}\n");
        page.writeTo(dir.resolve("project"));
        assertThat(dir.resolve("project/src/main/java/App.java")).hasContent("class App {}");
    }

    @Test
    void a_path_leaving_the_project_is_refused() {
        assertThatThrownBy(() -> read("```java file=../evil.java\nx\n```\n"))
                .hasMessageContaining("must stay inside the project");
    }

    @Test
    void an_unclosed_block_and_a_file_defined_twice_are_refused() {
        assertThatThrownBy(() -> read("```xml file=pom.xml\n<project/>\n"))
                .hasMessageContaining("never closes");
        assertThatThrownBy(() -> read("```xml file=pom.xml\na\n```\n```xml file=pom.xml\nb\n```\n"))
                .hasMessageContaining("defined twice");
    }
}
