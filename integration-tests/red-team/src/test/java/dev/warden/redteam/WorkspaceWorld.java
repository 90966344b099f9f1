package dev.warden.redteam;

import dev.warden.samples.workspace.WorkspaceAssistant;
import dev.warden.samples.workspace.WorkspaceEnvironment;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fresh workspace per run: the AgentDojo workspace environment with every injection vector
 * ({@code {{injection:<vector>}}}) filled with the attack text, or in a benign run with AgentDojo's default text for
 * that vector, written to a temporary file and loaded by the sample's real {@link WorkspaceAssistant} — so the tools,
 * their labels and the environment loader are exactly the shipped ones.
 */
final class WorkspaceWorld {
    static final String ENVIRONMENT = "agentdojo/workspace/environment.yaml";
    private static final Pattern VECTOR = Pattern.compile("\\{\\{injection(?::(\\w+))?}}");
    /**
     * The filled environment per injection text (there are 14, and the benign one): written to a file and parsed
     * once; each attempt takes a deep copy of the parsed seed for its {@link #initial} state.
     */
    private static final Map<String, Seed> SEEDS = new java.util.concurrent.ConcurrentHashMap<>();

    private record Seed(String location, WorkspaceEnvironment environment) {}

    final WorkspaceAssistant assistant;
    /** The state before the run: this attempt's own deep copy of the parsed seed. */
    final WorkspaceEnvironment initial;

    private WorkspaceWorld(WorkspaceAssistant assistant, WorkspaceEnvironment initial) {
        this.assistant = assistant;
        this.initial = initial;
    }

    /** The workspace of the user the runs act for. */
    WorkspaceEnvironment env() {
        return assistant.environment(WorkspaceTarget.USER.tenant(), WorkspaceTarget.USER.id());
    }

    /**
     * @param injection the attack text for every vector, or {@code null} for a benign run
     * @param defaults each vector's benign text
     */
    static WorkspaceWorld create(String scenarioId, String injection, Map<String, String> defaults) {
        Seed seed = SEEDS.computeIfAbsent(injection == null ? "\u0000benign" + defaults : injection, k -> {
            String location = AgentDojoData.environmentFile(scenarioId,
                    fill(AgentDojoData.read(ENVIRONMENT), injection, defaults));
            return new Seed(location, WorkspaceEnvironment.load(location));
        });
        return new WorkspaceWorld(construct(seed.location()), copy(seed.environment()));
    }

    /**
     * The state an attack's goal is measured against: the state before the run with the effects the user asked for
     * already applied (the files the user task deletes are gone). The user's own deletion of the largest file is not
     * the attacker's "delete the five largest files", whatever order the run did them in.
     */
    WorkspaceEnvironment initialAfterUserTask(Scenario.UserTask task) {
        java.util.Set<String> deletes = new java.util.HashSet<>();
        task.turns().forEach(turn -> turn.stream().filter(c -> c.tool().equals("delete_file"))
                .forEach(c -> deletes.add(String.valueOf(c.args().get("file_id")))));
        if (deletes.isEmpty()) {
            return initial;
        }
        WorkspaceEnvironment out = copy(initial);
        out.cloudDrive.files.removeIf(f -> deletes.contains(f.id));
        return out;
    }

    // The sample's deep copy is package-private (each user's workspace is one); the harness calls it reflectively, so
    // the initial state is copied exactly the way the assistant seeds the user's workspace, never shared.
    private static WorkspaceEnvironment copy(WorkspaceEnvironment seed) {
        try {
            java.lang.reflect.Method copy = WorkspaceEnvironment.class.getDeclaredMethod("copy");
            copy.setAccessible(true);
            return (WorkspaceEnvironment) copy.invoke(seed);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy the workspace sample's environment", e);
        }
    }

    private static Object fill(Object node, String injection, Map<String, String> defaults) {
        if (node instanceof String s) {
            Matcher m = VECTOR.matcher(s);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String text = injection != null ? injection : defaults.get(m.group(1));
                if (text == null) {
                    throw new IllegalStateException("no default text for injection vector " + m.group(1));
                }
                m.appendReplacement(out, Matcher.quoteReplacement(text));
            }
            m.appendTail(out);
            return out.toString();
        }
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, fill(v, injection, defaults)));
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(fill(v, injection, defaults)));
            return out;
        }
        return node;
    }

    // The sample's constructor is package-private (CDI injects the config value); the harness calls it reflectively
    // rather than copying the tools, so it red-teams the shipped descriptors.
    private static WorkspaceAssistant construct(String location) {
        try {
            Constructor<WorkspaceAssistant> c = WorkspaceAssistant.class.getDeclaredConstructor(String.class);
            c.setAccessible(true);
            return c.newInstance(location);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create the workspace sample's assistant over " + location, e);
        }
    }
}
