package dev.warden.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartClassPreloaderTest {
    static final AtomicBoolean PROBE_INITIALISED = new AtomicBoolean();

    static class Probe {
        static {
            PROBE_INITIALISED.set(true);
        }
    }

    @TempDir
    Path dir;

    private URLClassLoader loaderListing(String... lines) throws Exception {
        Path list = dir.resolve(StartClassPreloader.RESOURCE);
        Files.createDirectories(list.getParent());
        Files.writeString(list, String.join("\n", lines) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void loads_listed_classes_without_running_their_static_initialisers() throws Exception {
        try (URLClassLoader loader = loaderListing(Probe.class.getName())) {
            assertThat(StartClassPreloader.preload(loader)).containsExactly(1, 1);
            assertThat(PROBE_INITIALISED).isFalse();
        }
    }

    @Test
    void skips_comments_blank_lines_and_names_that_no_longer_exist() throws Exception {
        try (URLClassLoader loader = loaderListing("# a comment", "", "dev.warden.gone.NoSuchClass",
                "java.util.ArrayList")) {
            assertThat(StartClassPreloader.preload(loader)).containsExactly(1, 2);
        }
    }

    @Test
    void loads_nothing_when_no_list_is_on_the_class_path() {
        ClassLoader empty = new URLClassLoader(new URL[0], null);
        assertThat(StartClassPreloader.preload(empty)).containsExactly(0, 0);
    }

    @Test
    void starts_only_under_the_packaged_runners_class_loader() throws Exception {
        try (URLClassLoader loader = loaderListing(Probe.class.getName())) {
            assertThat(StartClassPreloader.startOnceInPackagedApplication(loader)).isFalse();
            assertThat(StartClassPreloader.startOnceInPackagedApplication(null)).isFalse();
        }
    }
}
