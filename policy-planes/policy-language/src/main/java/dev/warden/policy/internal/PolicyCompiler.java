package dev.warden.policy.internal;

import dev.cel.runtime.CelRuntime;
import dev.warden.policy.PolicyProblem;
import dev.warden.policy.PolicyRule;
import dev.warden.policy.PolicySource;
import dev.warden.policy.PrecompiledPolicies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** Parses and compiles a source whole: either every set compiles, or the problems explain why not. */
public final class PolicyCompiler {
    private static final System.Logger LOG = System.getLogger("dev.warden.policy");
    private final PolicyParser parser;
    private final CelEnvironment cel;
    private final PrecompiledPolicies precompiled;

    public PolicyCompiler(Set<String> planes, CelEnvironment cel) {
        this(planes, Set.of(), cel, PrecompiledPolicies.none());
    }

    /**
     * @param ruleless planes that exist but take no YAML rules
     * @param precompiled checked forms of expressions, used for documents whose text they were recorded for
     */
    public PolicyCompiler(Set<String> planes, Set<String> ruleless, CelEnvironment cel,
            PrecompiledPolicies precompiled) {
        this.parser = new PolicyParser(planes, ruleless);
        this.cel = cel;
        this.precompiled = precompiled;
    }

    /** The environment expressions are compiled in. */
    public CelEnvironment environment() {
        return cel;
    }

    /** Compiles every set in {@code source}; returns an empty list and fills {@code problems} on any error. */
    public List<CompiledPolicySet> compile(PolicySource source, List<PolicyProblem> problems) {
        return compile(source, problems, null);
    }

    /**
     * As {@link #compile(PolicySource, List)}; when {@code record} is not null, the checked form of every expression
     * that compiled is put into it by its key (also for rules of a set that has problems elsewhere).
     */
    public List<CompiledPolicySet> compile(PolicySource source, List<PolicyProblem> problems,
            Map<String, byte[]> record) {
        Map<String, byte[]> forms = record == null ? precompiled.forText(source.text()) : Map.of();
        int before = problems.size();
        List<CompiledPolicySet> out = new ArrayList<>();
        for (PolicyParser.ParsedSet parsed : parser.parse(source, problems)) {
            List<CompiledRule> rules = new ArrayList<>();
            for (int i = 0; i < parsed.set().rules().size(); i++) {
                CompiledRule r = rule(parsed, i, problems, forms, record);
                if (r != null) {
                    rules.add(r);
                }
            }
            out.add(new CompiledPolicySet(parsed.set(), rules, parsed.removed(), parsed.removedRules()));
        }
        return problems.size() > before ? List.of() : out;
    }

    private CompiledRule rule(PolicyParser.ParsedSet parsed, int i, List<PolicyProblem> problems,
            Map<String, byte[]> forms, Map<String, byte[]> record) {
        PolicyRule rule = parsed.set().rules().get(i);
        RuleParser.Lines lines = parsed.lines().get(i);
        CelEnvironment.Compiled when = compiled(rule.plane(), true, rule.when(), forms, record);
        boolean ok = true;
        if (!when.ok()) {
            problems.add(problem(parsed, rule, lines.when(), when, "when: "));
            ok = false;
        } else {
            for (String p : DataSetReferences.problems(when.ast(), cel.dataSets())) {
                problems.add(new PolicyProblem(parsed.set().source(), YamlNodes.exprLine(lines.when(), 1), rule.id(),
                        "when: " + dev.warden.policy.PolicyCodes.UNKNOWN_DATA_SET + " " + p));
                ok = false;
            }
        }
        Map<String, CelRuntime.Program> transforms = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : rule.set().entrySet()) {
            CelEnvironment.Compiled value = compiled(rule.plane(), false, e.getValue(), forms, record);
            if (value.ok()) {
                transforms.put(e.getKey(), value.program());
            } else {
                problems.add(problem(parsed, rule, lines.set().get(e.getKey()), value, "set." + e.getKey() + ": "));
                ok = false;
            }
        }
        if (ok) {
            for (String warning : RawMatchLint.check(when.ast())) {
                LOG.log(System.Logger.Level.WARNING, "{0}:{1} rule {2}: {3}", parsed.set().source(),
                        YamlNodes.exprLine(lines.when(), 1), rule.id(), warning);
            }
        }
        if (ok && (rule.when().contains(WardenFunctions.DATASET_CONTAINS) || rule.when().contains("text."))) {
            TextMatch.fold("warm up"); // load ICU's normalisation data now, not inside the first checkpoint's budget
        }
        if (ok && rule.when().contains("sql.kind")) {
            SqlKind.warmUp(); // load the SQL parser now, not inside the first checkpoint's time budget
        }
        return ok ? CompiledRule.of(rule, parsed.set(), when.program(), when.ast(), transforms, cel.clock()) : null;
    }

    private CelEnvironment.Compiled compiled(String plane, boolean condition, String expression,
            Map<String, byte[]> forms, Map<String, byte[]> record) {
        CelEnvironment.Compiled c = cel.compile(plane, condition, expression, forms);
        if (record != null && c.ok()) {
            record.put(cel.key(plane, condition, expression), CheckedForms.encode(c.ast()));
        }
        return c;
    }

    private static PolicyProblem problem(PolicyParser.ParsedSet parsed, PolicyRule rule, Node node,
            CelEnvironment.Compiled c, String prefix) {
        String message = c.error();
        if (message.contains("expected type 'bool'")) {
            message += " (a 'when' condition must be a boolean expression)";
        }
        return new PolicyProblem(parsed.set().source(), YamlNodes.exprLine(node, c.line()), rule.id(),
                prefix + message);
    }
}
