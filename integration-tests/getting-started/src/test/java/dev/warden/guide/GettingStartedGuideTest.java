package dev.warden.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/getting-started.md, followed to the letter: its files are extracted from the page, built with Maven against this
 * build's Warden artifacts (laid out by copy-dependencies in {@code guide.repo}, their parent POMs added here from the
 * source tree) and the project's own test runs. Third-party artifacts come from the outer build's local repository,
 * chained read-only behind {@code guide.repo}; offline if the outer build is.
 */
class GettingStartedGuideTest {
    private static final Pattern PARENT = Pattern.compile(
            "<parent>\\s*<groupId>dev\\.warden</groupId>\\s*<artifactId>([\\w.-]+)</artifactId>");
    private static final Pattern ARTIFACT_ID = Pattern.compile(
            "<artifactId>([\\w.-]+)</artifactId>");

    private static Path path(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("system property " + property + " (set by the module's pom)").isNotBlank();
        return Path.of(value).toAbsolutePath().normalize();
    }

    @Test
    void the_guide_project_builds_and_its_test_passes() throws Exception {
        GuidePage page = GuidePage.read(path("guide.page"));
        assertThat(page.files()).containsKeys("pom.xml", "src/main/resources/application.properties")
                .anySatisfy((name, body) -> assertThat(name).startsWith("src/test/java/"));
        String pom = page.files().get("pom.xml");
        assertThat(pom).as("the guide's Warden version is this build's")
                .contains("<warden.version>" + System.getProperty("guide.wardenVersion") + "</warden.version>");
        assertThat(pom).as("the guide's Quarkus version is this build's")
                .contains("<quarkus.version>" + System.getProperty("guide.quarkusVersion") + "</quarkus.version>");

        Path repo = path("guide.repo");
        addParentPoms(repo, path("guide.sourceRoot"));
        Path project = path("guide.workDir");
        deleteTree(project);
        page.writeTo(project);
        Files.createDirectories(project.resolve(".mvn")); // the project's root: Maven looks no further up

        Path log = project.resolve("build.log");
        List<String> command = new ArrayList<>(List.of(path("guide.mavenHome").resolve("bin/mvn").toString(), "-B",
                "-Dmaven.repo.local=" + repo, "-Dmaven.repo.local.tail=" + path("guide.localRepository"),
                "-Dstyle.color=never", "verify"));
        if ("offline=true".equals(System.getProperty("guide.offline"))) {
            command.add(1, "-o");
        }
        Process build = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean finished = build.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            build.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(finished && build.exitValue() == 0)
                .as("the guide's project must build and pass its test; %s\n%s", command, tail(output))
                .isTrue();
        assertThat(output).containsPattern("Tests run: [1-9]\\d*, Failures: 0, Errors: 0, Skipped: 0");
    }

    /** Each Warden artifact's dev.warden parent POM, then its parent's, from the source tree. */
    private static void addParentPoms(Path repo, Path sourceRoot) throws IOException {
        List<Path> sourcePoms;
        try (Stream<Path> s = Files.walk(sourceRoot)) {
            sourcePoms = s.filter(p -> p.getFileName().toString().equals("pom.xml"))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/")).toList();
        }
        List<String> pending = new ArrayList<>();
        try (Stream<Path> s = Files.walk(repo.resolve("dev/warden"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".pom")).toList()) {
                parentOf(Files.readString(p), pending);
            }
        }
        while (!pending.isEmpty()) {
            String artifactId = pending.remove(0);
            Path source = sourcePoms.stream().filter(p -> artifactIdOf(p).equals(artifactId)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no pom.xml in the source tree for " + artifactId));
            String version = System.getProperty("guide.wardenVersion");
            Path target = repo.resolve("dev/warden/" + artifactId + "/" + version + "/" + artifactId + "-" + version
                    + ".pom");
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                Files.copy(source, target);
                parentOf(Files.readString(source), pending);
            }
        }
    }

    private static void parentOf(String pom, List<String> pending) {
        Matcher m = PARENT.matcher(pom);
        if (m.find()) {
            pending.add(m.group(1));
        }
    }

    private static String artifactIdOf(Path pom) {
        try {
            String text = Files.readString(pom);
            int parentEnd = text.indexOf("</parent>");
            Matcher m = ARTIFACT_ID.matcher(text);
            return m.find(parentEnd < 0 ? 0 : parentEnd) ? m.group(1) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tail(String output) {
        String[] lines = output.split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 80), lines.length));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
