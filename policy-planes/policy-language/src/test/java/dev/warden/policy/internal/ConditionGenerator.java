package dev.warden.policy.internal;

import java.util.List;
import java.util.Random;

/**
 * Generates random rule conditions from a typed grammar over the policy language's variables, operators, macros and
 * Warden functions — the constructs {@link NativeCondition} translates, mixed with ones it leaves to CEL (arithmetic,
 * {@code matches}, {@code now()}, casts, ternaries over lists, shadowed and nested comprehension variables) and with
 * ill-typed or erroring sub-expressions ({@code dyn} arguments of the wrong type, missing keys, out-of-range indexes),
 * so that both "decided" and "left to CEL" paths are exercised. Not every generated text type-checks; the caller
 * skips those CEL rejects at load time, as the engine would.
 */
final class ConditionGenerator {
    private static final List<String> ARG_KEYS = DifferentialInputs.KEYS;
    private static final List<String> STRINGS = List.of("\"a\"", "\"\"", "\"x\"", "\"acme.com\"", "\"SELECT\"",
            "\"crm.\"", "\"email.send\"", "\"RESTRICTED\"", "\"😀\"", "\"k\"", "\"eu\"", "\"ssn\"", "\"ACC-\"",
            "\"https://\"", "\"UTC\"", "\"TOOL_CALL\"", "\"alice\"", "\"HIGH\"");
    private static final List<String> STRING_VARS = List.of("tool.name", "tool.risk", "user.id", "user.tenant",
            "agent.id", "agent.version", "agent.owner", "task.purpose", "task.runId", "checkpoint", "target",
            "content.text", "context.labels.level", "context.labels.integrity", "user.attributes[\"region\"]",
            "args.m[\"k\"]", "args.list[0]", "attributes.k");
    private static final List<String> INT_VARS = List.of("context.usage.toolCalls", "context.usage.steps",
            "context.usage.tokens", "context.depth", "context.usage.inputTokens");
    private static final List<String> LIST_VARS = List.of("tool.effects", "user.roles", "context.labels.categories",
            "context.scopes", "tool.sink.categories", "chain");
    private static final List<String> ITER_NAMES = List.of("x", "y", "e", "tool", "args", "s");
    private static final List<String> LEVELS = List.of("\"PUBLIC\"", "\"INTERNAL\"", "\"CONFIDENTIAL\"",
            "\"RESTRICTED\"", "\"bogus\"");
    private static final List<String> EFFECTS = List.of("\"READ\"", "\"WRITE\"", "\"FINANCIAL\"",
            "\"EXTERNAL_COMMUNICATION\"", "\"DELETE\"");

    private final Random random;

    ConditionGenerator(Random random) {
        this.random = random;
    }

    /** A boolean-typed condition of nesting depth at most {@code depth}. */
    String condition(int depth) {
        return bool(depth, null);
    }

    private String bool(int depth, String iter) {
        if (depth <= 0) {
            return boolLeaf(iter);
        }
        int d = depth - 1;
        return switch (random.nextInt(22)) {
            case 0, 1 -> bool(d, iter) + " && " + bool(d, iter);
            case 2, 3 -> bool(d, iter) + " || " + bool(d, iter);
            case 4 -> "!(" + bool(d, iter) + ")";
            case 5 -> "(" + bool(d, iter) + ")";
            case 6 -> str(d, iter) + pick(" == ", " != ") + str(d, iter);
            case 7 -> num(d, iter) + pick(" < ", " <= ", " > ", " >= ", " == ", " != ") + num(d, iter);
            case 8 -> str(d, iter) + pick(".startsWith(", ".endsWith(", ".contains(") + str(d, iter) + ")";
            case 9 -> str(d, iter) + " in [" + pick(STRINGS) + ", " + pick(STRINGS) + "]";
            case 10 -> any(d, iter) + " in " + list(d, iter);
            case 11 -> list(d, iter) + "." + pick("exists", "all", "exists_one") + "(" + comprehension(d) + ")";
            case 12 -> "size(" + pick(str(d, iter), list(d, iter), "args.m") + ") " + pick("> ", "== ", "<= ")
                    + random.nextInt(3);
            case 13 -> "has(args." + pick(ARG_KEYS) + ")" + (random.nextBoolean() ? "" : " && " + bool(d, iter));
            case 14 -> "sql.kind(" + str(d, iter) + ")" + pick(" == \"SELECT\"", " != \"SELECT\"",
                    " in [\"DDL\", \"DCL\"]", " == \"UNKNOWN\"");
            case 15 -> pick("email.domain(", "url.host(") + str(d, iter) + ")" + pick(" == ", " != ")
                    + pick("\"acme.com\"", "\"\"", "\"evil.example\"");
            case 16 -> pick("context.labels", "tool.sink", "tool.source", "content.labels") + ".atLeast("
                    + pick(pick(LEVELS), str(d, iter)) + ")";
            case 17 -> "context.chainPermits(" + str(d, iter) + ")";
            case 18 -> bool(d, iter) + " ? " + bool(d, iter) + " : " + bool(d, iter);
            case 19 -> pick(EFFECTS) + " in tool.effects";
            case 20 -> pick("time.within(\"Mon-Fri 08:00-18:00\", ", "time.within(\"Sat-Sun\", ",
                    "time.within(" + str(d, iter) + ", ") + pick("\"UTC\"", "\"Europe/Zurich\"", str(d, iter)) + ")";
            default -> exotic(d, iter);
        };
    }

    /** Constructs the translation leaves to CEL, or that CEL rejects or errors on. */
    private String exotic(int d, String iter) {
        return switch (random.nextInt(9)) {
            case 0 -> num(d, iter) + " + 1 > " + num(d, iter);
            case 1 -> str(d, iter) + ".matches(\"^a\")";
            case 2 -> "now() > timestamp(\"2020-01-01T00:00:00Z\")";
            case 3 -> "int(" + str(d, iter) + ") > 0";
            case 4 -> "[" + str(d, iter) + ", " + num(d, iter) + "].size() == 2";
            case 5 -> "args." + pick(ARG_KEYS) + " == " + pick(pick(STRINGS), "1", "1.5", "true", "[]");
            // dyn values in a boolean position: arithmetic (left to CEL) and selects that may yield non-booleans
            case 6 -> "(args." + pick(ARG_KEYS) + " + args." + pick(ARG_KEYS) + ")";
            case 7 -> pick("args.m.k", "args.list[0]", "args.m[\"name\"]", "user.attributes[\"incident-freeze\"]");
            default -> "args." + pick(ARG_KEYS);
        };
    }

    private String boolLeaf(String iter) {
        return switch (random.nextInt(9)) {
            case 0 -> pick("true", "false");
            case 1 -> "tool.declared";
            case 2 -> "context.labels.untrusted";
            case 3 -> "context.scoped";
            case 4 -> "has(args." + pick(ARG_KEYS) + ")";
            case 5 -> "args." + pick(ARG_KEYS);
            case 6 -> iter != null ? iter + " == " + pick(pick(STRINGS), "1") : "content.labels.untrusted";
            case 7 -> pick(STRING_VARS) + " == " + pick(STRINGS);
            default -> pick(EFFECTS) + " in tool.effects";
        };
    }

    private String str(int depth, String iter) {
        int choice = random.nextInt(depth <= 0 ? 4 : 7);
        return switch (choice) {
            case 0 -> pick(STRINGS);
            case 1 -> pick(STRING_VARS);
            case 2 -> "args." + pick(ARG_KEYS);
            case 3 -> iter != null ? iter : pick(STRING_VARS);
            case 4 -> pick("sql.kind(", "email.domain(", "url.host(") + str(depth - 1, iter) + ")";
            case 5 -> "(" + bool(depth - 1, iter) + " ? " + str(depth - 1, iter) + " : " + str(depth - 1, iter) + ")";
            default -> "user.attributes[" + str(depth - 1, iter) + "]";
        };
    }

    private String num(int depth, String iter) {
        return switch (random.nextInt(depth <= 0 ? 4 : 5)) {
            case 0 -> pick("0", "1", "2", "-1", "1000", "1.5", "0.0");
            case 1 -> pick(INT_VARS);
            case 2 -> "args." + pick(ARG_KEYS);
            case 3 -> iter != null && random.nextBoolean() ? iter : pick(INT_VARS);
            default -> "size(" + pick(str(depth - 1, iter), list(depth - 1, iter)) + ")";
        };
    }

    private String list(int depth, String iter) {
        return switch (random.nextInt(depth <= 0 ? 3 : 5)) {
            case 0 -> pick(LIST_VARS);
            case 1 -> "args." + pick("list", "fields", "attendees", "to", "m");
            case 2 -> "[" + pick(STRINGS) + ", " + pick(STRINGS) + "]";
            case 3 -> list(depth - 1, iter) + ".filter(" + comprehension(depth - 1) + ")";
            default -> list(depth - 1, iter) + ".map(" + pick(ITER_NAMES) + ", " + pick(ITER_NAMES) + ")";
        };
    }

    private String any(int depth, String iter) {
        return switch (random.nextInt(3)) {
            case 0 -> str(depth, iter);
            case 1 -> num(depth, iter);
            default -> "args." + pick(ARG_KEYS);
        };
    }

    private String comprehension(int depth) {
        String v = pick(ITER_NAMES);
        return v + ", " + bool(Math.max(0, depth - 1), v);
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }
}
