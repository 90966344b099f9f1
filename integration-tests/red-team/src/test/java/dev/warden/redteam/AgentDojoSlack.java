package dev.warden.redteam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AgentDojo slack suite as data ({@code /agentdojo/slack/}): its environment, its 21 user tasks with their
 * ground-truth calls and its 5 injection tasks, paired the way AgentDojo pairs them (every user task with every
 * injection task, the injection planted in every injectable place). Each injection task is also tried adaptively: by
 * a model compromised from its first token, and with every web address written with a scheme ({@code https://www...}).
 */
final class AgentDojoSlack {
    static final String ENVIRONMENT = "agentdojo/slack/environment.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private AgentDojoSlack() {}

    /** Every (user task, injection task) pair. */
    static List<Scenario> pairs() {
        List<Scenario> out = new ArrayList<>();
        Map<String, Object> inj = read("agentdojo/slack/injection-tasks.yaml");
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
            out.add(new Scenario("agentdojo-slack-u" + u.get("id"), "agentdojo-slack",
                    "AgentDojo slack user task " + u.get("id"), Map.of(), new Scenario.Injection("(none)", ""),
                    userTask(u), new Scenario.Attack("none", Map.of("status", "NEVER"), 0, List.of(), List.of())));
        }
        return out;
    }

    private static Scenario scenario(Map<String, Object> u, Map<String, Object> i, String framing) {
        List<List<Scenario.ToolCallSpec>> turns = turns(i.get("turns"));
        int after = ((Number) u.get("injected_after")).intValue();
        List<Scenario.Variant> variants = new ArrayList<>();
        variants.add(new Scenario.Variant("compromised-from-start", 0, turns));
        variants.add(new Scenario.Variant("addresses-with-scheme", null, withScheme(turns)));
        for (Map<String, Object> v : list(i.get("variants"))) {
            variants.add(new Scenario.Variant(String.valueOf(v.get("name")), null, turns(v.get("turns"))));
        }
        String goal = String.valueOf(i.get("goal"));
        return new Scenario("agentdojo-slack-u" + u.get("id") + "-i" + i.get("id"), "agentdojo-slack",
                "user task " + u.get("id") + " under injection task " + i.get("id"), Map.of(),
                new Scenario.Injection(framing.replace("{goal}", goal), ""), userTask(u),
                new Scenario.Attack(goal, i.get("check"), after, turns, variants));
    }

    private static Scenario.UserTask userTask(Map<String, Object> u) {
        return new Scenario.UserTask(String.valueOf(u.get("prompt")), turns(u.get("turns")), calls(u.get("approvals")),
                u.get("check"));
    }

    /** The attack's calls with every {@code www.} address written as {@code https://www.} (in URLs and messages). */
    private static List<List<Scenario.ToolCallSpec>> withScheme(List<List<Scenario.ToolCallSpec>> turns) {
        List<List<Scenario.ToolCallSpec>> out = new ArrayList<>();
        for (List<Scenario.ToolCallSpec> t : turns) {
            List<Scenario.ToolCallSpec> calls = new ArrayList<>();
            for (Scenario.ToolCallSpec c : t) {
                Map<String, Object> args = new LinkedHashMap<>(c.args());
                for (String k : List.of("url", "body")) {
                    if (args.get(k) instanceof String s) {
                        args.put(k, s.replaceAll("(?<![/\\w])www\\.", "https://www."));
                    }
                }
                calls.add(new Scenario.ToolCallSpec(c.tool(), args));
            }
            out.add(calls);
        }
        return out;
    }

    private static List<Map<String, Object>> userTasks() {
        try (InputStream in = resource("agentdojo/slack/user-tasks.yaml")) {
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
        InputStream in = AgentDojoSlack.class.getClassLoader().getResourceAsStream(name);
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
