package dev.warden.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a policy may condition on about <em>who</em> is acting and <em>what the run has seen</em>: the user, the
 * acting agent, the task, the delegation chain, the context labels (high-water mark of all content that entered the
 * model context) and the usage so far.
 *
 * <p>Immutable; every change produces a copy through a {@code with…} method. Within a run the {@link #labels()} only
 * rise: {@link #withLabelsJoined(Labels)} is the only way the runtime changes them.
 */
public record GovernanceContext(
        Principal user, AgentIdentity agent, TaskContext task, List<Hop> chain, Labels labels, Usage usage) {

    public GovernanceContext {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(agent, "agent");
        task = task == null ? new TaskContext(null, null, null) : task;
        chain = chain == null ? List.of() : List.copyOf(chain);
        labels = labels == null ? Labels.PUBLIC : labels;
        usage = usage == null ? Usage.ZERO : usage;
    }

    public static GovernanceContext of(Principal user, AgentIdentity agent) {
        return new GovernanceContext(user, agent, null, List.of(), Labels.PUBLIC, Usage.ZERO);
    }

    public GovernanceContext withTask(TaskContext value) {
        return new GovernanceContext(user, agent, value, chain, labels, usage);
    }

    public GovernanceContext withAgent(AgentIdentity value) {
        return new GovernanceContext(user, value, task, chain, labels, usage);
    }

    /** Raises the context label; never lowers it. */
    public GovernanceContext withLabelsJoined(Labels value) {
        Labels joined = labels.join(value);
        return joined == labels ? this : new GovernanceContext(user, agent, task, chain, joined, usage);
    }

    public GovernanceContext withUsage(Usage value) {
        return new GovernanceContext(user, agent, task, chain, labels, value);
    }

    /** A copy with one more hop at the end of the delegation chain. */
    public GovernanceContext withHop(Hop hop) {
        List<Hop> extended = new ArrayList<>(chain);
        extended.add(hop);
        return new GovernanceContext(user, agent, task, extended, labels, usage);
    }

    public String tenant() {
        return user.tenant();
    }

    public String runId() {
        return task.runId();
    }
}
