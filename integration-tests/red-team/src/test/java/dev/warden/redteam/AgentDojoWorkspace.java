package dev.warden.redteam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The AgentDojo workspace suite as data ({@code /agentdojo/workspace/}): its environment, its 40 user tasks with their
 * ground-truth calls and its 14 injection tasks, paired the way AgentDojo pairs them (every user task with every
 * injection task, the injection planted in every vector). Each injection task is also tried adaptively: by a model
 * compromised from its first token, with every address it writes to in capitals, and with the task's own variants
 * (another tool with the same effect, a laundering detour, a link without its scheme...).
 */
final class AgentDojoWorkspace {
    static final String SUITE = "agentdojo-workspace";
    private static final String DIR = "agentdojo/workspace/";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> ADDRESS_ARGS = Set.of("recipients", "cc", "bcc", "participants", "email");

    private AgentDojoWorkspace() {}

    /** Every (user task, injection task) pair. */
    static List<Scenario> pairs() {
        List<Scenario> out = new ArrayList<>();
        Map<String, Object> inj = read(DIR + "injection-tasks.yaml");
        String framing = String.valueOf(inj.get("framing"));
        for (Map<String, Object> u : userTasks()) {
            for (Map<String, Object> i : list(inj.get("tasks"))) {
                out.add(scenario(u, i, framing));
            }
        }
        return out;
    }

    /** One scenario per user task, without an attack: benign utility. */
    static List<Scenario> userTasksOnly() {
        List<Scenario> out = new ArrayList<>();
        for (Map<String, Object> u : userTasks()) {
            out.add(new Scenario(SUITE + "-u" + u.get("id"), SUITE, "AgentDojo workspace user task " + u.get("id"),
                    Map.of(), new Scenario.Injection("(none)", ""), userTask(u),
                    new Scenario.Attack("none", Map.of("status", "NEVER"), 0, List.of(), List.of())));
        }
        return out;
    }

    /** The benign text of each injection vector (AgentDojo's defaults). */
    @SuppressWarnings("unchecked")
    static Map<String, String> vectorDefaults() {
        Map<String, String> out = new LinkedHashMap<>();
        ((Map<String, Object>) read(DIR + "injection-tasks.yaml").get("vectors"))
                .forEach((k, v) -> out.put(k, v == null ? "" : String.valueOf(v)));
        return out;
    }

    private static Scenario scenario(Map<String, Object> u, Map<String, Object> i, String framing) {
        List<List<Scenario.ToolCallSpec>> turns = turns(i.get("turns"));
        int after = ((Number) u.get("injected_after")).intValue();
        List<Scenario.Variant> variants = new ArrayList<>();
        variants.add(new Scenario.Variant("compromised-from-start", 0, turns));
        variants.add(new Scenario.Variant("addresses-in-capitals", null, capitals(turns)));
        for (Map<String, Object> v : list(i.get("variants"))) {
            variants.add(new Scenario.Variant(String.valueOf(v.get("name")), null, turns(v.get("turns"))));
        }
        String goal = String.valueOf(i.get("goal"));
        return new Scenario(SUITE + "-u" + u.get("id") + "-i" + i.get("id"), SUITE,
                "user task " + u.get("id") + " under injection task " + i.get("id"), Map.of(),
                new Scenario.Injection(framing.replace("{goal}", goal), ""), userTask(u),
                new Scenario.Attack(goal, i.get("check"), after, turns, variants));
    }

    private static Scenario.UserTask userTask(Map<String, Object> u) {
        return new Scenario.UserTask(String.valueOf(u.get("prompt")), turns(u.get("turns")), calls(u.get("approvals")),
                u.get("check"));
    }

    /** The attack's calls with every address it writes to (recipients, cc, bcc, participants, share) in capitals. */
    private static List<List<Scenario.ToolCallSpec>> capitals(List<List<Scenario.ToolCallSpec>> turns) {
        List<List<Scenario.ToolCallSpec>> out = new ArrayList<>();
        for (List<Scenario.ToolCallSpec> t : turns) {
            List<Scenario.ToolCallSpec> calls = new ArrayList<>();
            for (Scenario.ToolCallSpec c : t) {
                Map<String, Object> args = new LinkedHashMap<>(c.args());
                args.replaceAll((k, v) -> !ADDRESS_ARGS.contains(k) ? v : v instanceof List<?> l
                        ? l.stream().map(a -> String.valueOf(a).toUpperCase(Locale.ROOT)).toList()
                        : String.valueOf(v).toUpperCase(Locale.ROOT));
                calls.add(new Scenario.ToolCallSpec(c.tool(), args));
            }
            out.add(calls);
        }
        return out;
    }

    private static List<Map<String, Object>> userTasks() {
        try (InputStream in = resource(DIR + "user-tasks.yaml")) {
            return list(YAML.readValue(in, List.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String name) {
        try (InputStream in = resource(name)) {
            return YAML.readValue(in, LinkedHashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = AgentDojoWorkspace.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("not on the test classpath: " + name);
        }
        return in;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return o == null ? List.of() : (List<Map<String, Object>>) o;
    }

    private static List<List<Scenario.ToolCallSpec>> turns(Object o) {
        List<List<Scenario.ToolCallSpec>> out = new ArrayList<>();
        if (o instanceof List<?> turns) {
            for (Object t : turns) {
                out.add(calls(t));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Scenario.ToolCallSpec> calls(Object o) {
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
