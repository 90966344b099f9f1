package dev.warden.redteam;

import static dev.warden.redteam.AgentDojoData.list;
import static dev.warden.redteam.AgentDojoData.read;
import static dev.warden.redteam.AgentDojoData.readList;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The AgentDojo banking suite as data ({@code /agentdojo/banking/}): its environment, its 16 user tasks with their
 * ground-truth calls and its 9 injection tasks, paired the way AgentDojo pairs them (every user task with every
 * injection task, the injection planted in every injectable place). Each injection task is also tried adaptively: by a
 * model compromised from its first token, and with the attacker's IBAN printed in groups of four.
 */
final class AgentDojoBanking {
    static final String ENVIRONMENT = "agentdojo/banking/environment.yaml";
    private static final String SUITE = "agentdojo-banking";
    /** The attack's calls with every IBAN-shaped recipient printed in groups of four ("US13 3000 ..."). */
    private static final AgentDojoData.Rewrite GROUPED = new AgentDojoData.Rewrite("iban-in-groups-of-four", args -> {
        if (args.get("recipient") instanceof String r) {
            args.put("recipient", r.replaceAll("(.{4})(?!$)", "$1 "));
        }
    });

    private AgentDojoBanking() {}

    /** Every (user task, injection task) pair. */
    static List<Scenario> pairs() {
        List<Scenario> out = new ArrayList<>();
        Map<String, Object> inj = read("agentdojo/banking/injection-tasks.yaml");
        String framing = String.valueOf(inj.get("framing"));
        for (Map<String, Object> u : userTasks()) {
            for (Map<String, Object> i : list(inj.get("tasks"))) {
                out.add(AgentDojoData.pair(SUITE, environment(), u, i, framing, GROUPED));
            }
        }
        return out;
    }

    /** One scenario per user task, without an attack: benign utility. */
    static List<Scenario> userTasksOnly() {
        List<Scenario> out = new ArrayList<>();
        for (Map<String, Object> u : userTasks()) {
            out.add(AgentDojoData.benign(SUITE, "AgentDojo banking", environment(), u));
        }
        return out;
    }

    private static Map<String, Object> environment() {
        return Map.of(BankingWorld.BASE, ENVIRONMENT);
    }

    private static List<Map<String, Object>> userTasks() {
        return readList("agentdojo/banking/user-tasks.yaml");
    }
}
