package dev.warden.policy.cli;

import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicyProblem;
import dev.warden.policy.PolicySource;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code warden-policy validate FILES…} prints {@code file:line: rule id: message} per problem;
 * {@code warden-policy test FILES…} runs policy test files. Exit 0 = clean, 1 = problems or failures, 2 = usage.
 *
 * <pre>{@code
 * java -jar warden-policy-language-cli.jar validate policies/*.yaml
 * java -jar warden-policy-language-cli.jar test policies/tests/*.yaml
 * }</pre>
 */
public final class WardenPolicyCli {
    private WardenPolicyCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || !(args[0].equals("validate") || args[0].equals("test"))) {
            err.println("usage: warden-policy validate FILES… | warden-policy test FILES…");
            return 2;
        }
        List<Path> files = Arrays.stream(args, 1, args.length).map(Path::of).toList();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                err.println(f + ":0: no such file");
                return 2;
            }
        }
        return args[0].equals("validate") ? validate(files, out) : test(files, out);
    }

    private static int validate(List<Path> files, PrintStream out) {
        List<PolicySource> sources = new ArrayList<>();
        files.forEach(f -> sources.add(PolicySource.file(f)));
        List<PolicyProblem> problems = PolicyEngine.builder().build().validate(sources);
        problems.forEach(out::println);
        out.println(problems.isEmpty() ? "ok: " + files.size() + " file(s) valid"
                : problems.size() + " problem(s) in " + files.size() + " file(s)");
        return problems.isEmpty() ? 0 : 1;
    }

    private static int test(List<Path> files, PrintStream out) {
        PolicyTestRunner runner = new PolicyTestRunner();
        int passed = 0;
        int failed = 0;
        for (Path f : files) {
            for (PolicyTestRunner.Result r : runner.run(f)) {
                if (r.passed()) {
                    passed++;
                } else {
                    failed++;
                    out.println("FAIL " + r.file() + " " + r.name() + ": " + r.failure());
                }
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 && passed > 0 ? 0 : 1;
    }
}
