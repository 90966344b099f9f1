package dev.warden.core.tools;

import dev.langchain4j.invocation.InvocationParameters;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Principal;
import java.util.Optional;

/**
 * Who a governed tool call acts for, as the tool itself can read it. A {@code @Tool} method that declares a parameter
 * of type {@link InvocationParameters} (LangChain4j fills it and never shows it to the model) finds the run's verified
 * {@link Principal} under {@link #PRINCIPAL}: {@link GovernedToolExecutor} puts it there for every call it executes,
 * including a call resumed after an approval (the run's user, not the approver). Tools keep per-user state with it.
 *
 * <pre>{@code
 * @Tool("Current balance")
 * public String getBalance(InvocationParameters call) {
 *     Principal user = ToolCaller.principal(call).orElseThrow();
 *     return accounts.of(user.tenant(), user.id()).balance();
 * }
 * }</pre>
 */
public final class ToolCaller {
    /** Key of the acting {@link Principal} in a governed call's {@link InvocationParameters}. */
    public static final String PRINCIPAL = "warden.principal";

    private ToolCaller() {}

    /** The principal a call acts for; empty when the tool was called outside {@link GovernedToolExecutor}. */
    public static Optional<Principal> principal(InvocationParameters parameters) {
        return parameters != null && parameters.get(PRINCIPAL) instanceof Principal p ? Optional.of(p)
                : Optional.empty();
    }

    static InvocationParameters parameters(GovernanceContext ctx) {
        return InvocationParameters.from(PRINCIPAL, ctx.user());
    }
}
