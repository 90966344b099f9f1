package dev.warden.quarkus.api;

import dev.warden.core.GovernanceContext;
import dev.warden.core.agent.CancelSignal;
import dev.warden.core.agent.DecisionSummary;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.RunEvent;
import dev.warden.core.agent.RunResult;
import dev.warden.quarkus.runtime.RunEventLog;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import dev.warden.quarkus.runtime.RunEventLogs;
import java.util.List;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/** Starts streamed runs into their event logs, and replays finished JSON runs into theirs. */
final class StreamedRuns {
    private static final Logger LOG = Logger.getLogger(StreamedRuns.class);

    private StreamedRuns() {}

    /**
     * Runs on a worker thread (the model and tools may block), every event appended to {@code log}; {@code finished}
     * receives the result for {@code GET /v1/runs/{id}}.
     */
    static void start(GovernedAgent agent, String input, GovernanceContext ctx, RunEventLog log, CancelSignal cancel,
            Consumer<RunResult> finished) {
        agent.run(input, ctx, log::append, cancel)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .subscribe().with(finished, failure -> LOG.errorf(failure, "streamed run %s failed",
                        ctx.runId()));
    }

    /** A run that was not streamed, as its events: its decisions not yet in the log, and its end. */
    static void replay(RunEventLog log, RunResult result) {
        List<DecisionSummary> all = result.decisions();
        for (int i = Math.min(log.decisions(), all.size()); i < all.size(); i++) {
            log.append(new RunEvent.Decision(result.runId(), all.get(i)));
        }
        log.append(RunEvent.ending(result));
    }

    /** A suspended run resumed by a human's decision: the decision, then what the resumed run did, then its end. */
    static void resumed(RunEventLogs logs, String approvalId, boolean approved, String by, RunResult result) {
        logs.find(result.runId()).ifPresent(log -> {
            log.append(new RunEvent.ApprovalDecided(result.runId(), approvalId, approved, by));
            replay(log, result);
        });
    }
}
