package dev.warden.redteam;

import static dev.warden.redteam.AgentDojoData.list;
import static dev.warden.redteam.AgentDojoData.read;
import static dev.warden.redteam.AgentDojoData.readList;

import java.util.ArrayList;
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

    private AgentDojoTravel() {}

    /** Every (user task, injection task) pair of the injection tasks that act. */
    static List<Scenario> pairs() {
        List<Scenario> out = new ArrayList<>();
        Map<String, Object> inj = read("agentdojo/travel/injection-tasks.yaml");
        String framing = String.valueOf(inj.get("framing"));
        for (Map<String, Object> u : userTasks()) {
            for (Map<String, Object> i : actingInjectionTasks(inj)) {
                out.add(AgentDojoData.pair(SUITE, environment(), u, i, framing, null));
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
            out.add(AgentDojoData.benign(SUITE, "AgentDojo travel", environment(), u));
        }
        return out;
    }

    private static List<Map<String, Object>> actingInjectionTasks(Map<String, Object> inj) {
        return list(inj.get("tasks")).stream().filter(i -> !"answer".equals(i.get("scope"))).toList();
    }

    private static Map<String, Object> environment() {
        return Map.of(TravelWorld.BASE, ENVIRONMENT);
    }

    private static List<Map<String, Object>> userTasks() {
        return readList("agentdojo/travel/user-tasks.yaml");
    }
}
