package dev.warden.redteam;

import static dev.warden.redteam.AgentDojoData.list;
import static dev.warden.redteam.AgentDojoData.read;
import static dev.warden.redteam.AgentDojoData.readList;

import java.util.ArrayList;
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
    private static final String SUITE = "agentdojo-slack";
    /** The attack's calls with every {@code www.} address written as {@code https://www.} (in URLs and messages). */
    private static final AgentDojoData.Rewrite WITH_SCHEME = new AgentDojoData.Rewrite("addresses-with-scheme",
            args -> {
                for (String k : List.of("url", "body")) {
                    if (args.get(k) instanceof String s) {
                        args.put(k, s.replaceAll("(?<![/\\w])www\\.", "https://www."));
                    }
                }
            });

    private AgentDojoSlack() {}

    /** Every (user task, injection task) pair. */
    static List<Scenario> pairs() {
        List<Scenario> out = new ArrayList<>();
        Map<String, Object> inj = read("agentdojo/slack/injection-tasks.yaml");
        String framing = String.valueOf(inj.get("framing"));
        for (Map<String, Object> u : userTasks()) {
            for (Map<String, Object> i : list(inj.get("tasks"))) {
                out.add(AgentDojoData.pair(SUITE, Map.of(), u, i, framing, WITH_SCHEME));
            }
        }
        return out;
    }

    /** One scenario per user task, without an attack: benign utility. */
    static List<Scenario> userTasksOnly() {
        List<Scenario> out = new ArrayList<>();
        for (Map<String, Object> u : userTasks()) {
            out.add(AgentDojoData.benign(SUITE, "AgentDojo slack", Map.of(), u));
        }
        return out;
    }

    private static List<Map<String, Object>> userTasks() {
        return readList("agentdojo/slack/user-tasks.yaml");
    }
}
