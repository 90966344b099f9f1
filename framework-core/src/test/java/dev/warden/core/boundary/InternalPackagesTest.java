package dev.warden.core.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API/internal boundary, checked over the whole source tree: a package named {@code ….internal} belongs to the
 * module that declares it, promises no compatibility, and no other module's main code imports it. Samples and starters
 * are written as users write code, so what they need must be public API.
 */
class InternalPackagesTest {
    /** Measures internals on purpose (CEL runtime variants); not shipped. */
    private static final Set<String> ALLOWED_TO_REACH_IN = Set.of("integration-tests/benchmarks");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?((?:\\w+\\.)+internal)\\.",
            Pattern.MULTILINE);
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void no_module_imports_another_modules_internal_package() throws IOException {
        Map<String, String> ownerOfInternalPackage = new HashMap<>();
        Map<Path, String> moduleOfFile = new HashMap<>();
        for (Path file : mainSources()) {
            String module = moduleOf(file);
            moduleOfFile.put(file, module);
            String pkg = packageOf(file);
            if (pkg.endsWith(".internal")) {
                ownerOfInternalPackage.put(pkg, module);
            }
        }
        assertThat(ownerOfInternalPackage).containsKey("dev.warden.core.internal");

        List<String> violations = new ArrayList<>();
        moduleOfFile.forEach((file, module) -> {
            Matcher m = IMPORT.matcher(read(file));
            while (m.find()) {
                String owner = ownerOfInternalPackage.get(m.group(1));
                if (owner != null && !owner.equals(module) && !ALLOWED_TO_REACH_IN.contains(module)) {
                    violations.add(ROOT.relativize(file) + " imports " + m.group(1) + " (owned by " + owner + ")");
                }
            }
        });
        assertThat(violations).as("imports of another module's internal package").isEmpty();
    }

    @Test
    void every_internal_package_says_no_compatibility_is_promised() throws IOException {
        List<String> undocumented = new ArrayList<>();
        for (Path file : mainSources()) {
            if (packageOf(file).endsWith(".internal")) {
                Path info = file.resolveSibling("package-info.java");
                if (!Files.exists(info) || !read(info).toLowerCase(java.util.Locale.ROOT).contains("no compatibility")) {
                    undocumented.add(ROOT.relativize(file.getParent()).toString());
                }
            }
        }
        assertThat(undocumented.stream().distinct().toList()).as("internal packages without the notice").isEmpty();
    }

    private static List<Path> mainSources() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
                    .toList();
        }
    }

    private static String moduleOf(Path file) {
        String rel = ROOT.relativize(file).toString();
        return rel.substring(0, rel.indexOf("/src/main/java/"));
    }

    private static String packageOf(Path file) {
        String rel = file.toString();
        String dir = rel.substring(rel.indexOf("/src/main/java/") + "/src/main/java/".length(), rel.lastIndexOf('/'));
        return dir.replace('/', '.');
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
