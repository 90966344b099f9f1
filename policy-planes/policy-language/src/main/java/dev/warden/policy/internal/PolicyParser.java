package dev.warden.policy.internal;

import dev.warden.core.Basis;
import dev.warden.policy.PolicyProblem;
import dev.warden.policy.PolicyRule;
import dev.warden.policy.PolicySet;
import dev.warden.policy.PolicySource;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Parses {@code PolicySet} YAML into {@link ParsedSet}s, collecting every problem with its line. Only the node API is
 * used (no object construction), so a document cannot instantiate classes; aliases, nesting and size are bounded.
 */
public final class PolicyParser {
    /** Most rules one document may hold. */
    public static final int MAX_RULES = 5_000;

    static final Set<String> TOP_KEYS = Set.of("apiVersion", "kind", "metadata", "mode", "priority", "description",
            "rules", "removed", "removedRules");
    static final Set<String> META_KEYS = Set.of("name", "version", "description", "labels", "owner");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /**
     * A parsed set with, per rule, where its expressions sit in the document.
     *
     * @param removed whether the document is a removal ({@code removed: true}): the set is to be unloaded, explicitly
     * @param removedRules rule ids the author removes on purpose ({@code removedRules}); a reload may drop only these
     */
    public record ParsedSet(PolicySet set, List<RuleParser.Lines> lines, boolean removed, Set<String> removedRules) {
        public ParsedSet {
            removedRules = Set.copyOf(removedRules);
        }
    }

    private final Set<String> planes;

    private final Set<String> ruleless;

    public PolicyParser(Set<String> planes) {
        this(planes, Set.of());
    }

    /** @param ruleless planes that exist but take no YAML rules (a rule naming one gets a precise error) */
    public PolicyParser(Set<String> planes, Set<String> ruleless) {
        this.planes = Set.copyOf(planes);
        this.ruleless = Set.copyOf(ruleless);
    }

    /** Parses every document of {@code source}; problems are added to {@code problems}. */
    public List<ParsedSet> parse(PolicySource source, List<PolicyProblem> problems) {
        List<ParsedSet> out = new ArrayList<>();
        if (source.text().length() > PolicySource.MAX_CHARS) {
            problems.add(new PolicyProblem(source.id(), 0, null, "document is larger than "
                    + PolicySource.MAX_CHARS + " characters"));
            return out;
        }
        int before = problems.size();
        try {
            Yaml yaml = new Yaml(loaderOptions());
            for (Node doc : yaml.composeAll(new StringReader(source.text()))) {
                if (doc != null) {
                    ParsedSet set = document(source.id(), doc, problems);
                    if (set != null) {
                        out.add(set);
                    }
                }
            }
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.add(new PolicyProblem(source.id(), m == null ? 0 : m.getLine() + 1, null,
                    "YAML syntax error: " + e.getProblem()));
        } catch (RuntimeException e) {
            problems.add(new PolicyProblem(source.id(), 0, null, "YAML error: " + e.getMessage()));
        }
        if (out.isEmpty() && problems.size() == before) {
            // An empty (or truncated-to-nothing) file is never a way to unload policies: see docs/decisions/0005.
            problems.add(new PolicyProblem(source.id(), 0, null, "the document holds no PolicySet; an empty file is "
                    + "refused (to unload a set on purpose, write a removal document: metadata.name, metadata.version "
                    + "and 'removed: true')"));
        }
        return out;
    }

    static LoaderOptions loaderOptions() {
        LoaderOptions o = new LoaderOptions();
        o.setAllowDuplicateKeys(false);
        o.setMaxAliasesForCollections(10);
        o.setNestingDepthLimit(20);
        o.setCodePointLimit(PolicySource.MAX_CHARS + 1);
        o.setAllowRecursiveKeys(false);
        return o;
    }

    private ParsedSet document(String source, Node doc, List<PolicyProblem> problems) {
        int before = problems.size();
        YamlNodes y = new YamlNodes(source, problems);
        Map<String, Node> top = y.mapping(doc, "the document", TOP_KEYS);
        if (top.isEmpty()) {
            return null;
        }
        String api = y.text(top, "apiVersion", "the document", true);
        if (api != null && !api.equals("warden.dev/v1")) {
            y.problem(top.get("apiVersion"), "apiVersion must be 'warden.dev/v1', got '" + api + "'");
        }
        String kind = y.text(top, "kind", "the document", true);
        if (kind != null && !kind.equals("PolicySet")) {
            y.problem(top.get("kind"), "kind must be 'PolicySet', got '" + kind + "'");
        }
        Map<String, Node> meta = top.containsKey("metadata")
                ? y.mapping(top.get("metadata"), "metadata", META_KEYS) : Map.of();
        if (!top.containsKey("metadata")) {
            y.problem(doc, "missing required key 'metadata' (with name and version)");
        }
        String name = y.text(meta, "name", "metadata", top.containsKey("metadata"));
        if (name != null && !NAME.matcher(name).matches()) {
            y.problem(meta.get("name"), "metadata.name '" + name + "' must match " + NAME.pattern());
        }
        String version = y.text(meta, "version", "metadata", top.containsKey("metadata"));
        boolean removed = removed(y, top);
        List<String> removedRules = y.strings(top, "removedRules");
        Basis.Mode mode = RuleParser.mode(y, top, Basis.Mode.ENFORCE);
        Integer priority = y.integer(top, "priority");
        int defaultPriority = priority == null ? 0 : priority;
        List<PolicyRule> rules = new ArrayList<>();
        List<RuleParser.Lines> lines = new ArrayList<>();
        Node rulesNode = top.get("rules");
        if (removed) {
            if (rulesNode != null) {
                y.problem(rulesNode, "a removal document ('removed: true') must not have rules");
            }
        } else if (rulesNode == null) {
            y.problem(doc, "missing required key 'rules'");
        } else if (!(rulesNode instanceof SequenceNode seq)) {
            y.problem(rulesNode, "'rules' must be a list");
        } else if (seq.getValue().size() > MAX_RULES) {
            y.problem(rulesNode, "too many rules: " + seq.getValue().size() + " (at most " + MAX_RULES + ")");
        } else {
            RuleParser rp = new RuleParser(y, planes, ruleless, mode, defaultPriority);
            Set<String> ids = new HashSet<>();
            for (Node r : seq.getValue()) {
                RuleParser.Parsed p = rp.rule(r, ids);
                if (p != null) {
                    rules.add(p.rule());
                    lines.add(p.lines());
                }
            }
        }
        if (problems.size() > before || name == null || version == null) {
            return null;
        }
        return new ParsedSet(new PolicySet(name, version, mode, defaultPriority, rules, source), lines, removed,
                removedRules == null ? Set.of() : new HashSet<>(removedRules));
    }

    private static boolean removed(YamlNodes y, Map<String, Node> top) {
        String value = y.text(top, "removed", "the document", false);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (!value.equals("true")) {
            y.problem(top.get("removed"), "'removed' must be true or false, got '" + value + "'");
        }
        return true;
    }
}
