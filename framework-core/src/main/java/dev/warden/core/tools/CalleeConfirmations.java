package dev.warden.core.tools;

import dev.warden.core.agent.ConfirmationResolution;
import dev.warden.core.agent.PendingApproval;
import java.util.Objects;

/**
 * How a tool that runs another agent (the delegate tool) hands a callee's pending confirmation to the caller's run,
 * and gets the requester's answer back (decision 0039). A callee that waits for its requester's confirmation cannot
 * ask the human itself: the caller's run suspends instead, showing the callee's exact call, and confirming it answers
 * the callee.
 *
 * <ul>
 *   <li>The tool calls {@link #awaiting} on the thread it runs on, before returning; the governed executor reads it
 *       when the tool returns, skips {@code TOOL_RESULT} (nothing reaches the model) and the caller's loop suspends
 *       with a {@link PendingApproval.Relay}.</li>
 *   <li>When the requester answers in the caller's run, the executor calls the same tool again with the caller's
 *       original arguments and the answer under {@link #ANSWER} in its
 *       {@link dev.langchain4j.invocation.InvocationParameters}: the tool answers the callee's confirmation instead of
 *       starting a new run. Only the runtime puts it there; the model never sees or sets invocation parameters.</li>
 * </ul>
 */
public final class CalleeConfirmations {
    /** Key of the relayed {@link Answer} in a resumed call's invocation parameters. */
    public static final String ANSWER = "warden.callee-answer";

    private static final ThreadLocal<Awaiting> SLOT = new ThreadLocal<>();

    private CalleeConfirmations() {}

    /** A callee's pending confirmation, as the caller's run relays it. */
    public record Awaiting(String calleeAgentId, PendingApproval pending) {
        public Awaiting {
            Objects.requireNonNull(calleeAgentId, "calleeAgentId");
            Objects.requireNonNull(pending, "pending");
        }
    }

    /** The requester's answer to a relayed confirmation, for the tool to pass on to its callee. */
    public record Answer(PendingApproval.Relay relay, ConfirmationResolution resolution) {}

    /** Declares, from inside a running tool, that its callee waits for the requester's confirmation. */
    public static void awaiting(String calleeAgentId, PendingApproval pending) {
        SLOT.set(new Awaiting(calleeAgentId, pending));
    }

    static void open() {
        SLOT.remove();
    }

    static Awaiting close() {
        Awaiting a = SLOT.get();
        SLOT.remove();
        return a;
    }

    /** The relayed answer of a resumed call, if the runtime passed one. */
    public static Answer answer(dev.langchain4j.invocation.InvocationParameters parameters) {
        return parameters != null && parameters.get(ANSWER) instanceof Answer a ? a : null;
    }
}
