package dev.warden.policy.cli;

import dev.warden.core.Decision;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicySource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Runs YAML policy test files ({@code kind: PolicyTest}), like {@code opa test}: each file names the policies it
 * loads (paths relative to the test file), an optional fixed {@code now}, and cases of request + context → expected
 * decision, rule ids, mode and transformed arguments. See {@code docs/policy-guide.md} for the format.
 */
public final class PolicyTestRunner {

    /** Outcome of one case; {@code failure} is {@code null} when it passed. */
    public record Result(String file, String name, String failure) {
        public boolean passed() {
            return failure == null;
        }
    }

    /** Runs every case of the file. A file that cannot be read or whose policies do not load fails as a whole. */
    public List<Result> run(Path file) {
        List<Result> results = new ArrayList<>();
        try {
            Map<String, Object> doc = FixtureMapper.cast(new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(Files.readString(file, StandardCharsets.UTF_8)));
            if (!"PolicyTest".equals(doc.get("kind"))) {
                return List.of(new Result(file.toString(), "(file)", "kind must be PolicyTest"));
            }
            Clock clock = doc.get("now") == null ? Clock.systemUTC()
                    : Clock.fixed(Instant.parse(String.valueOf(doc.get("now"))), ZoneOffset.UTC);
            PolicyEngine engine = PolicyEngine.builder().clock(clock).build();
            Path base = file.toAbsolutePath().getParent();
            for (String p : FixtureMapper.strings(doc, "policies")) {
                engine.load(PolicySource.file(base.resolve(p)));
            }
            if (doc.get("cases") instanceof List<?> cases) {
                for (Object c : cases) {
                    results.add(runCase(file.toString(), engine, FixtureMapper.cast((Map<?, ?>) c)));
                }
            }
        } catch (IOException | RuntimeException e) {
            results.add(new Result(file.toString(), "(file)", e.getMessage()));
        }
        return results;
    }

    private static Result runCase(String file, PolicyEngine engine, Map<String, Object> c) {
        String name = FixtureMapper.str(c, "name", "(unnamed)");
        try {
            String plane = FixtureMapper.str(c, "plane", "action-boundary");
            Decision d = engine.evaluate(plane, FixtureMapper.request(FixtureMapper.map(c, "request")),
                    FixtureMapper.context(FixtureMapper.map(c, "context")));
            return new Result(file, name, ExpectationCheck.mismatch(FixtureMapper.map(c, "expect"), d));
        } catch (RuntimeException e) {
            return new Result(file, name, "case could not run: " + e);
        }
    }
}
