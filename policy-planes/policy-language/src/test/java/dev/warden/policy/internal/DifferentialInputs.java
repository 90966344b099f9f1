package dev.warden.policy.internal;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Confidentiality;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Hop;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.Usage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random requests and contexts for the differential tests of {@link NativeCondition} against CEL: arguments drawn from
 * values of every JSON shape (and the awkward ones: NaN, -0.0, mixed lists, an {@code int} beside {@code long}s),
 * several tools, users, agents, labels, delegation chains, usage and tasks.
 */
final class DifferentialInputs {
    private DifferentialInputs() {}

    static final List<Object> VALUES = List.of("a", "", "x", "SELECT 1", "DROP TABLE t", "bob@acme.com",
            "a@evil.example, b@acme.com", "https://acme.com/x", "😀😀", "Mon-Fri 08:00-18:00", "RESTRICTED",
            "nonsense", "UTC", "ACC-1", "P1", "EUR", 0L, 1L, 2, -1L, 1500L, 1.5, 0.0, -0.0, Double.NaN, true, false,
            List.of("a", "b"), List.of(1L, 2L), List.of("a", 1L), List.of(), List.of("ssn"),
            Map.of("k", "v"), Map.of("name", "x"), List.of(Map.of("name", "x")), List.of("bob@acme.com", "e@x.io"));
    static final List<String> KEYS = List.of("s", "n", "d", "list", "m", "query", "to", "fields", "accountId",
            "amount", "url", "region", "priority", "attendees");

    private static final List<ToolDescriptor> TOOLS = List.of(
            ToolDescriptor.named("crm.get_account", Effect.READ),
            ToolDescriptor.named("sql.query", Effect.READ),
            ToolDescriptor.named("email.send", Effect.EXTERNAL_COMMUNICATION),
            ToolDescriptor.named("payments.transfer", Effect.WRITE, Effect.FINANCIAL),
            new ToolDescriptor("x", null, Set.of(Effect.WRITE), Labels.of(Confidentiality.INTERNAL, "PII"),
                    null, null, false));
    private static final List<Principal> USERS = List.of(
            new Principal("alice", "acme", Set.of("analyst", "crm-reader"), Map.of("region", "eu")),
            new Principal("bob", null, Set.of("contractor", "junior-analyst", "finance"),
                    Map.of("incident-freeze", "on")));
    private static final List<AgentIdentity> AGENTS = List.of(new AgentIdentity("crm-analyst", "0.9", "o"),
            new AgentIdentity("crm-analyst", "1.4.0", null), AgentIdentity.of("other"));
    private static final List<Labels> LABELS = List.of(Labels.PUBLIC, Labels.untrusted(),
            Labels.of(Confidentiality.RESTRICTED, "PII", "CREDENTIALS"));
    private static final List<List<Hop>> CHAINS = List.of(List.of(), List.of(new Hop("a", Set.of())),
            List.of(new Hop("a", Set.of("crm.get_account", "email.send")), new Hop("b", Set.of("email.send"))));
    private static final List<Usage> USAGE = List.of(Usage.ZERO, new Usage(20, 45, 150_000, 60_000));
    private static final List<TaskContext> TASKS = List.of(new TaskContext(null, null, null),
            new TaskContext("r", "c", "customer-support"));
    private static final List<String> TARGETS = List.of("t", "", "DROP TABLE t");

    /** A request at TOOL_CALL (or, one time in ten, AGENT_OUTPUT with no tool) with a random subset of arguments. */
    static CheckpointRequest request(Random random) {
        List<String> keys = new ArrayList<>(KEYS);
        Collections.shuffle(keys, random);
        Map<String, Object> args = new HashMap<>();
        for (String key : keys.subList(0, random.nextInt(keys.size() + 1))) {
            args.put(key, pick(random, VALUES));
        }
        ToolDescriptor tool = random.nextInt(10) == 0 ? null : pick(random, TOOLS);
        String target = random.nextInt(10) < 3 ? null : pick(random, TARGETS);
        return new CheckpointRequest(tool == null ? Checkpoint.AGENT_OUTPUT : Checkpoint.TOOL_CALL, 1, tool, "c", args,
                target == null ? null : "content 😀", target == null ? null : Labels.untrusted(), target,
                Map.of("k", "v"));
    }

    /** A context with a random user, agent, task, usage, joined labels and delegation chain. */
    static GovernanceContext context(Random random) {
        GovernanceContext g = GovernanceContext.of(pick(random, USERS), pick(random, AGENTS))
                .withTask(pick(random, TASKS)).withUsage(pick(random, USAGE))
                .withLabelsJoined(pick(random, LABELS));
        for (Hop h : pick(random, CHAINS)) {
            g = g.withHop(h);
        }
        return g;
    }

    private static <T> T pick(Random random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
