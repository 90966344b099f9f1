package dev.warden.redteam;

import static dev.warden.redteam.AgentDojoData.list;
import static dev.warden.redteam.AgentDojoData.read;
import static dev.warden.redteam.AgentDojoData.readList;

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
    private static final Set<String> ADDRESS_ARGS = Set.of("recipients", "cc", "bcc", "participants", "email");
    /** The attack's calls with every address it writes to (recipients, cc, bcc, participants, share) in capitals. */
    private static final AgentDojoData.Rewrite CAPITALS = new AgentDojoData.Rewrite("addresses-in-capitals",
            args -> args.replaceAll((k, v) -> !ADDRESS_ARGS.contains(k) ? v : v instanceof List<?> l
                    ? l.stream().map(a -> String.valueOf(a).toUpperCase(Locale.ROOT)).toList()
                    : String.valueOf(v).toUpperCase(Locale.ROOT)));

    private AgentDojoWorkspace() {}

    /** Every (user task, injection task) pair. */
    static List<Scenario> pairs() {
        List<Scenario> out = new ArrayList<>();
        Map<String, Object> inj = read(DIR + "injection-tasks.yaml");
        String framing = String.valueOf(inj.get("framing"));
        for (Map<String, Object> u : userTasks()) {
            for (Map<String, Object> i : list(inj.get("tasks"))) {
                out.add(AgentDojoData.pair(SUITE, Map.of(), u, i, framing, CAPITALS));
            }
        }
        return out;
    }

    /** One scenario per user task, without an attack: benign utility. */
    static List<Scenario> userTasksOnly() {
        List<Scenario> out = new ArrayList<>();
        for (Map<String, Object> u : userTasks()) {
            out.add(AgentDojoData.benign(SUITE, "AgentDojo workspace", Map.of(), u));
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

    private static List<Map<String, Object>> userTasks() {
        return readList(DIR + "user-tasks.yaml");
    }
}
