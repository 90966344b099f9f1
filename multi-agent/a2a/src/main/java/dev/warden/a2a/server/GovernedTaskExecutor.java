package dev.warden.a2a.server;

import dev.warden.a2a.A2aCodes;
import dev.warden.a2a.A2aMetadata;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.RunResult;
import io.a2a.server.agentexecution.AgentExecutor;
import io.a2a.server.agentexecution.RequestContext;
import io.a2a.server.events.EventQueue;
import io.a2a.server.tasks.TaskUpdater;
import io.a2a.spec.Message;
import io.a2a.spec.Part;
import io.a2a.spec.TextPart;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an A2A task through the governed loop: one message in, one governed run, its outcome as A2A task states.
 *
 * <table>
 *   <caption>Run status → A2A task state</caption>
 *   <tr><td>(accepted)</td><td>{@code submitted}, then {@code working}</td></tr>
 *   <tr><td>{@code COMPLETED}</td><td>{@code completed}, the answer as an artifact with its labels</td></tr>
 *   <tr><td>{@code AWAITING_APPROVAL}, {@code AWAITING_CONFIRMATION}</td><td>{@code input-required} (final for this
 *       exchange), with the approval id; the approval is resolved through Warden's approvals API</td></tr>
 *   <tr><td>{@code DENIED}, or refused before running (context token, trust edge, inbound policy)</td>
 *       <td>{@code rejected}</td></tr>
 *   <tr><td>{@code FAILED}, {@code TIMED_OUT}, an exception</td><td>{@code failed}</td></tr>
 * </table>
 * Every final status message carries the Warden code ({@link A2aMetadata#CODE}) of what stopped the run. The governed
 * loop does not expose events within a run yet, so a stream carries these status changes, not the steps between
 * them. A second message on an existing task is rejected: one A2A task is one governed run.
 */
final class GovernedTaskExecutor implements AgentExecutor {
    private final GovernedAgent agent;
    private final InboundAdmission admission;
    private final Duration runTimeout;
    private final TaskLedger ledger;
    private final Map<String, CompletableFuture<RunResult>> running = new ConcurrentHashMap<>();

    /** @param ledger records the owner of every task this executor accepts, and bounds how many run */
    GovernedTaskExecutor(GovernedAgent agent, InboundAdmission admission, Duration runTimeout, TaskLedger ledger) {
        this.agent = agent;
        this.admission = admission;
        this.runTimeout = runTimeout;
        this.ledger = ledger;
    }

    @Override
    public void execute(RequestContext rc, EventQueue queue) {
        TaskUpdater task = new TaskUpdater(rc, queue);
        boolean fresh = rc.getTask() == null;
        if (!(rc.getCallContext() != null && rc.getCallContext().getUser() instanceof A2aCaller caller)) {
            if (fresh) {
                task.submit();
            }
            task.reject(message(task, "not authenticated", Map.of(A2aMetadata.CODE, A2aCodes.UNAUTHENTICATED)));
            return;
        }
        if (!fresh) {
            // only its owner gets here (WardenA2aServer answers "not found" to anyone else)
            task.reject(message(task, "a task takes one message; a pending approval is resolved through the approvals "
                    + "API", Map.of(A2aMetadata.CODE, A2aCodes.BAD_MESSAGE)));
            return;
        }
        // the owner is recorded before the task exists for anyone: its creator can read it as soon as it is submitted
        String refused = ledger.start(rc.getTaskId(), TaskLedger.Owner.of(caller.principal()));
        task.submit();
        if (refused != null) {
            task.reject(message(task, refused.equals(A2aCodes.TOO_MANY_TASKS) ? "too many of your tasks are running "
                    + "here; wait for one to finish" : "this agent runs as many A2A tasks as it may; try again later",
                    Map.of(A2aMetadata.CODE, refused)));
            return;
        }
        try {
            run(rc, task, caller);
        } finally {
            ledger.finish(rc.getTaskId());
        }
    }

    private void run(RequestContext rc, TaskUpdater task, A2aCaller caller) {
        String text = rc.getUserInput("\n");
        if (text == null || text.isBlank()) {
            task.reject(message(task, "the message has no text part", Map.of(A2aMetadata.CODE,
                    A2aCodes.BAD_MESSAGE)));
            return;
        }
        Map<String, Object> md = rc.getMessage().getMetadata();
        Object token = md == null ? null : md.get(A2aMetadata.CONTEXT_TOKEN);
        Object root = md == null ? null : md.get(A2aMetadata.ROOT_REQUEST);
        InboundAdmission.Admission admitted = admission.admit(caller.principal(), agent.identity(), text, token,
                root);
        if (!admitted.admitted()) {
            task.reject(message(task, "refused [" + admitted.code() + "]: " + admitted.reason(),
                    Map.of(A2aMetadata.CODE, admitted.code(), A2aMetadata.REASON, admitted.reason())));
            return;
        }
        task.startWork();
        RunResult r;
        CompletableFuture<RunResult> run = agent.run(text, admitted.context()).subscribeAsCompletionStage();
        running.put(rc.getTaskId(), run);
        try {
            r = run.get(runTimeout.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (CancellationException e) {
            return; // tasks/cancel: the run was cancelled and the task reported canceled
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.cancel(true);
            return;
        } catch (ExecutionException | TimeoutException e) {
            run.cancel(true);
            // the code only: an exception's class or message is internal detail, not for the caller
            task.fail(message(task, "the run did not finish: " + (e instanceof TimeoutException ? "timed out"
                    : "it failed"), Map.of(A2aMetadata.CODE, A2aCodes.RUN_FAILED)));
            return;
        } finally {
            running.remove(rc.getTaskId());
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(A2aMetadata.RUN_ID, r.runId());
        if (r.code() != null) {
            meta.put(A2aMetadata.CODE, r.code());
        }
        switch (r.status()) {
            case COMPLETED -> {
                meta.put(A2aMetadata.LABELS, A2aMetadata.labels(agent.outputFlow(r, text).labels()));
                task.addArtifact(List.of(new TextPart(r.output())), null, "answer", meta);
                task.complete(message(task, r.output(), meta));
            }
            case AWAITING_APPROVAL, AWAITING_CONFIRMATION -> {
                if (r.approval() != null) {
                    meta.put(A2aMetadata.APPROVAL_ID, r.approval().approvalId());
                }
                task.requiresInput(message(task, r.output(), meta), true);
            }
            case DENIED -> task.reject(message(task, r.output(), meta));
            default -> task.fail(message(task, r.output(), meta));
        }
    }

    /**
     * Cancels the governed run — nothing further starts; a model call or tool in flight is interrupted when the agent
     * runs under a deadline ({@code runTimeout}) — then reports {@code canceled}.
     */
    @Override
    public void cancel(RequestContext rc, EventQueue queue) {
        CompletableFuture<RunResult> run = running.remove(rc.getTaskId());
        if (run != null) {
            run.cancel(true);
        }
        new TaskUpdater(rc, queue).cancel();
    }

    private static Message message(TaskUpdater task, String text, Map<String, Object> metadata) {
        List<Part<?>> parts = List.of(new TextPart(text == null || text.isEmpty() ? "(no output)" : text));
        return task.newAgentMessage(parts, metadata);
    }
}
