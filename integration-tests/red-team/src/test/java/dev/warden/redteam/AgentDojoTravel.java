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
 * The AgentDojo travel suite as data ({@code /agentdojo/travel/}): its environment, its 20 user tasks with their
 * ground-truth calls and its 7 injection tasks, paired the way AgentDojo pairs them (every user task with every
 * injection task, the injection planted in every review AgentDojo marks injectable). Each injection task is also tried
 * adaptively: by a model compromised from its first token, and by the task's own variants. Injection tasks with
 * {@code scope: answer} (make the model <em>say</em> something) have no call to govern and are listed apart.
 */
final class AgentDojoTravel {
    static final String ENVIRONMENT = "agentdojo/travel/environment.yaml";
    static final String SUITE = "agentdojo-travel";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private AgentDojoTravel() {}

    /** Every (user task, injection task) pair of the injection tasks that act. */
    static List<Scenario> pairs() {
        List<Scenario> out = new ArrayList<>();
        Map<String, Object> inj = read("agentdojo/travel/injection-tasks.yaml");
        String framing = String.valueOf(inj.get("framing"));
        for (Map<String, Object> u : userTasks()) {
            for (Map<String, Object> i : actingInjectionTasks(inj)) {
                out.add(scenario(u, i, framing));
            }
        }
        return out;
    }

    /** The injection tasks that only ask the model to say something ({@code scope: answer}), as "id: goal". */
    static List<String> answerOnlyInjectionTasks() {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> i : list(read("agentdojo/travel/injection-tasks.yaml").get("tasks"))) {
            if ("answer".equals(i.get("scope"))) {
                out.add(i.get("id") + ": " + i.get("goal"));
            }
        }
        return out;
    }

    /** One scenario per user task, without an attack: benign utility. */
    static List<Scenario> userTasksOnly() {
        List<Scenario> out = new ArrayList<>();
        for (Map<String, Object> u : userTasks()) {
            out.add(new Scenario(SUITE + "-u" + u.get("id"), SUITE, "AgentDojo travel user task " + u.get("id"),
                    Map.of(TravelWorld.BASE, ENVIRONMENT), new Scenario.Injection("(none)", ""), userTask(u),
                    new Scenario.Attack("none", Map.of("status", "NEVER"), 0, List.of(), List.of())));
        }
        return out;
    }

    private static List<Map<String, Object>> actingInjectionTasks(Map<String, Object> inj) {
        return list(inj.get("tasks")).stream().filter(i -> !"answer".equals(i.get("scope"))).toList();
    }

    private static Scenario scenario(Map<String, Object> u, Map<String, Object> i, String framing) {
        List<List<Scenario.ToolCallSpec>> turns = turns(i.get("turns"));
        int after = ((Number) u.get("injected_after")).intValue();
        List<Scenario.Variant> variants = new ArrayList<>();
        variants.add(new Scenario.Variant("compromised-from-start", 0, turns));
        for (Map<String, Object> v : list(i.get("variants"))) {
            variants.add(new Scenario.Variant(String.valueOf(v.get("name")), null, turns(v.get("turns"))));
        }
        String goal = String.valueOf(i.get("goal"));
        return new Scenario(SUITE + "-u" + u.get("id") + "-i" + i.get("id"), SUITE,
                "user task " + u.get("id") + " under injection task " + i.get("id"),
                Map.of(TravelWorld.BASE, ENVIRONMENT), new Scenario.Injection(framing.replace("{goal}", goal), ""),
                userTask(u), new Scenario.Attack(goal, i.get("check"), after, turns, variants));
    }

    private static Scenario.UserTask userTask(Map<String, Object> u) {
        return new Scenario.UserTask(String.valueOf(u.get("prompt")), turns(u.get("turns")), calls(u.get("approvals")),
                u.get("check"));
    }

    private static List<Map<String, Object>> userTasks() {
        try (InputStream in = resource("agentdojo/travel/user-tasks.yaml")) {
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
        InputStream in = AgentDojoTravel.class.getClassLoader().getResourceAsStream(name);
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
