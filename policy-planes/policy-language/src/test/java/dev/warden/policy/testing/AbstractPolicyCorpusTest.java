package dev.warden.policy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.policy.cli.WardenPolicyCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs a module's YAML policy test corpus through the {@code warden-policy test} command, as CI and a pre-commit
 * hook do: the shipped example policies validate ({@code src/main/resources/policies/examples}), every case in
 * {@code src/test/resources/policy-tests} passes, and the deliberately wrong case in
 * {@code src/test/resources/policy-tests-failing} is reported (so the runner can fail). Files are read from the
 * source tree (the build's working directory is the module directory), so relative policy paths inside the cases
 * resolve to {@code src/main/resources}.
 */
public abstract class AbstractPolicyCorpusTest {
    /** How many cases the module's corpus holds; asserted so a silently skipped file fails the build. */
    protected abstract int expectedCases();

    protected record Run(int exit, String out) {}

    protected static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = WardenPolicyCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }

    protected static String[] command(String verb, Path dir, String suffix) throws IOException {
        List<String> args = new ArrayList<>(List.of(verb));
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.toString().endsWith(suffix)).sorted().forEach(f -> args.add(f.toString()));
        }
        assertThat(args).hasSizeGreaterThan(1);
        return args.toArray(new String[0]);
    }

    @Test
    public void the_shipped_policies_validate() throws IOException {
        Run r = cli(command("validate", Path.of("src/main/resources/policies/examples"), ".yaml"));
        assertThat(r.exit()).as(r.out()).isZero();
    }

    @Test
    public void every_case_of_the_corpus_passes() throws IOException {
        Run r = cli(command("test", Path.of("src/test/resources/policy-tests"), ".test.yaml"));
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains(expectedCases() + " passed, 0 failed");
    }

    @Test
    public void a_wrong_expectation_is_reported_as_a_failure() throws IOException {
        Run r = cli(command("test", Path.of("src/test/resources/policy-tests-failing"), ".test.yaml"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL").contains("deliberately wrong")
                .contains("expected allow but was deny").contains("0 passed, 1 failed");
    }
}
