package dev.warden.redteam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the AgentDojo suite loaders and worlds share: reading YAML from the test classpath (and writing a world's
 * environment file), turning a suite's call lists into
 * {@link Scenario.ToolCallSpec}s, and building the benign (user task only) and paired (user task under injection task)
 * scenarios the same way for every suite. Each suite keeps only what is its own: its directory, its world key and its
 * adaptive variant.
 */
final class AgentDojoData {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private AgentDojoData() {}

    /** An adaptive variant a suite adds to every injection task: its name and how it rewrites a call's arguments. */
    record Rewrite(String name, Consumer<Map<String, Object>> args) {}

    /** The user task alone, without an attack: benign utility. */
    static Scenario benign(String suite, String title, Map<String, Object> environment, Map<String, Object> u) {
        return new Scenario(suite + "-u" + u.get("id"), suite, title + " user task " + u.get("id"), environment,
                new Scenario.Injection("(none)", ""), userTask(u),
                new Scenario.Attack("none", Map.of("status", "NEVER"), 0, List.of(), List.of()));
    }

    /**
     * The user task under the injection task: compromised from the start, then the suite's own rewrite (if any), then
     * the injection task's own variants.
     */
    static Scenario pair(String suite, Map<String, Object> environment, Map<String, Object> u, Map<String, Object> i,
            String framing, Rewrite rewrite) {
        List<List<Scenario.ToolCallSpec>> turns = turns(i.get("turns"));
        int after = ((Number) u.get("injected_after")).intValue();
        List<Scenario.Variant> variants = new ArrayList<>();
        variants.add(new Scenario.Variant("compromised-from-start", 0, turns));
        if (rewrite != null) {
            variants.add(new Scenario.Variant(rewrite.name(), null, rewritten(turns, rewrite.args())));
        }
        for (Map<String, Object> v : list(i.get("variants"))) {
            variants.add(new Scenario.Variant(String.valueOf(v.get("name")), null, turns(v.get("turns"))));
        }
        String goal = String.valueOf(i.get("goal"));
        return new Scenario(suite + "-u" + u.get("id") + "-i" + i.get("id"), suite,
                "user task " + u.get("id") + " under injection task " + i.get("id"), environment,
                new Scenario.Injection(framing.replace("{goal}", goal), ""), userTask(u),
                new Scenario.Attack(goal, i.get("check"), after, turns, variants));
    }

    static Scenario.UserTask userTask(Map<String, Object> u) {
        return new Scenario.UserTask(String.valueOf(u.get("prompt")), turns(u.get("turns")), calls(u.get("approvals")),
                u.get("check"));
    }

    /** A copy of the calls, each with its arguments copied and then rewritten. */
    static List<List<Scenario.ToolCallSpec>> rewritten(List<List<Scenario.ToolCallSpec>> turns,
            Consumer<Map<String, Object>> rewrite) {
        List<List<Scenario.ToolCallSpec>> out = new ArrayList<>();
        for (List<Scenario.ToolCallSpec> t : turns) {
            List<Scenario.ToolCallSpec> calls = new ArrayList<>();
            for (Scenario.ToolCallSpec c : t) {
                Map<String, Object> args = new LinkedHashMap<>(c.args());
                rewrite.accept(args);
                calls.add(new Scenario.ToolCallSpec(c.tool(), args));
            }
            out.add(calls);
        }
        return out;
    }

    static List<Map<String, Object>> readList(String name) {
        try (InputStream in = resource(name)) {
            return list(YAML.readValue(in, List.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(String name) {
        try (InputStream in = resource(name)) {
            return YAML.readValue(in, LinkedHashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code tree} as YAML to a temporary file (deleted on exit) and returns its {@code file:} location. */
    static String environmentFile(String scenarioId, Object tree) {
        try {
            Path file = Files.createTempFile("red-team-" + scenarioId, ".yaml");
            file.toFile().deleteOnExit();
            YAML.writeValue(file.toFile(), tree);
            return "file:" + file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream resource(String name) {
        InputStream in = AgentDojoData.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("not on the test classpath: " + name);
        }
        return in;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return o == null ? List.of() : (List<Map<String, Object>>) o;
    }

    static List<List<Scenario.ToolCallSpec>> turns(Object o) {
        List<List<Scenario.ToolCallSpec>> out = new ArrayList<>();
        if (o instanceof List<?> turns) {
            for (Object t : turns) {
                out.add(calls(t));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<Scenario.ToolCallSpec> calls(Object o) {
        List<Scenario.ToolCallSpec> out = new ArrayList<>();
        if (o instanceof List<?> calls) {
            for (Object c : calls) {
                Map<String, Object> m = (Map<String, Object>) c;
                out.add(new Scenario.ToolCallSpec(String.valueOf(m.get("tool")),
                        m.get("args") == null ? Map.of() : (Map<String, Object>) m.get("args")));
            }
        }
        return out;
    }
}
