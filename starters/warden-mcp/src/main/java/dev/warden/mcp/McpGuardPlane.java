package dev.warden.mcp;

import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.spi.AsyncPolicyPlane;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The {@code TOOL_CALL} plane for MCP tools: before a call of a tool registered by one of its {@link McpToolSource}s,
 * re-lists the server's tools and denies the call unless the tool is still exactly what a human approved and what the
 * model was shown ({@link McpToolSource#verify}). Calls of other tools are allowed (other planes govern them).
 *
 * <p>Denials carry {@link McpCodes} ({@code WARDEN-MCP-0001} for a changed tool). An unreachable server denies
 * ({@link McpCodes#SERVER_UNAVAILABLE}); exceeding the time budget is recorded by the {@code Governor} as a failure,
 * which also blocks the call. The listing runs on the given executor, never on the subscribing thread.
 *
 * <pre>{@code
 * Governor governor = Governor.builder().plane(McpGuardPlane.of(bank, crm)).plane(actionBoundary).build();
 * }</pre>
 */
public final class McpGuardPlane implements AsyncPolicyPlane {
    public static final String NAME = "mcp";
    /** Rule id recorded on every decision of this plane. */
    public static final String RULE_ID = "mcp-tool-pin";

    private final List<McpToolSource> sources;
    private final Executor io;
    private final Duration timeBudget;

    public McpGuardPlane(List<McpToolSource> sources, Executor io, Duration timeBudget) {
        this.sources = List.copyOf(sources);
        this.io = Objects.requireNonNull(io, "io");
        this.timeBudget = Objects.requireNonNull(timeBudget, "timeBudget");
    }

    /** A guard listing on Mutiny's worker pool with a 5 s budget. */
    public static McpGuardPlane of(McpToolSource... sources) {
        return new McpGuardPlane(List.of(sources), Infrastructure.getDefaultWorkerPool(), Duration.ofSeconds(5));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Checkpoint> checkpoints() {
        return Set.of(Checkpoint.TOOL_CALL);
    }

    /** After identity (100), before action-boundary (200): a changed tool is refused before anything else asks. */
    @Override
    public int priority() {
        return 150;
    }

    @Override
    public Duration timeBudget() {
        return timeBudget;
    }

    @Override
    public Uni<Decision> evaluateAsync(CheckpointRequest request, GovernanceContext context) {
        String tool = request.toolName();
        McpToolSource source = sources.stream().filter(s -> s.exposes(tool)).findFirst().orElse(null);
        if (source == null) {
            return Uni.createFrom().item(Decision.allow(NAME));
        }
        Basis basis = Basis.rule(NAME, "mcp:" + source.policy().id(), "1", RULE_ID);
        return Uni.createFrom().item(() -> source.verify(request.tool())).runSubscriptionOn(io)
                .map(check -> check.allowed() ? Decision.allow(basis)
                        : Decision.deny(check.reason(), check.code(), basis));
    }
}
