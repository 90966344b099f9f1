package dev.warden.policy.internal;

import dev.warden.policy.PolicyProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Typed access to snakeyaml nodes that reports a {@link PolicyProblem} (with the node's line) instead of throwing
 * when a value has the wrong shape. One instance per document; not thread-safe.
 */
final class YamlNodes {
    private final String source;
    private final List<PolicyProblem> problems;
    private String ruleId;

    YamlNodes(String source, List<PolicyProblem> problems) {
        this.source = source;
        this.problems = problems;
    }

    void rule(String id) {
        this.ruleId = id;
    }

    static int line(Node n) {
        return n == null ? 0 : n.getStartMark().getLine() + 1;
    }

    void problem(Node at, String message) {
        problems.add(new PolicyProblem(source, line(at), ruleId, message));
    }

    /** The entries of a mapping, keys as strings; reports keys outside {@code allowed}. */
    Map<String, Node> mapping(Node node, String what, Set<String> allowed) {
        if (!(node instanceof MappingNode m)) {
            problem(node, what + " must be a mapping");
            return Map.of();
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                problem(t.getKeyNode(), what + " keys must be plain strings");
                continue;
            }
            if (allowed != null && !allowed.contains(k.getValue())) {
                problem(k, "unknown key '" + k.getValue() + "' in " + what + " (allowed: " + String.join(", ",
                        new java.util.TreeSet<>(allowed)) + ")");
                continue;
            }
            if (out.put(k.getValue(), t.getValueNode()) != null) {
                problem(k, "duplicate key '" + k.getValue() + "' in " + what);
            }
        }
        return out;
    }

    /** A scalar as text, or {@code null} (with a problem when {@code required}). */
    String text(Map<String, Node> m, String key, String where, boolean required) {
        Node n = m.get(key);
        if (n == null) {
            if (required) {
                problem(null, "missing required key '" + key + "' in " + where);
            }
            return null;
        }
        if (!(n instanceof ScalarNode s)) {
            problem(n, "'" + key + "' must be a single value, not a " + n.getNodeId().name().toLowerCase());
            return null;
        }
        return s.getValue();
    }

    List<String> strings(Map<String, Node> m, String key) {
        Node n = m.get(key);
        if (n == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (n instanceof ScalarNode s) {
            out.add(s.getValue());
        } else if (n instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                if (item instanceof ScalarNode s) {
                    out.add(s.getValue());
                } else {
                    problem(item, "'" + key + "' items must be single values");
                }
            }
        } else {
            problem(n, "'" + key + "' must be a list");
        }
        return out;
    }

    Integer integer(Map<String, Node> m, String key) {
        String t = text(m, key, "", false);
        if (t == null) {
            return null;
        }
        try {
            return Integer.parseInt(t.trim());
        } catch (NumberFormatException e) {
            problem(m.get(key), "'" + key + "' must be an integer, got '" + t + "'");
            return null;
        }
    }

    /** Whether the scalar is a block scalar ({@code |} or {@code >}), whose text starts on the next line. */
    static boolean block(Node n) {
        return n instanceof ScalarNode s && (s.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL
                || s.getScalarStyle() == DumperOptions.ScalarStyle.FOLDED);
    }

    /** The line in the document of line {@code exprLine} (1-based) of the expression in scalar {@code n}. */
    static int exprLine(Node n, int exprLine) {
        return line(n) + exprLine - 1 + (block(n) ? 1 : 0);
    }
}
