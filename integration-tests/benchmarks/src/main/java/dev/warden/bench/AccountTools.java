package dev.warden.bench;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.Effect;
import dev.warden.core.tools.ToolGovernance;

/** The one tool both agent loops call: cheap, deterministic, so the loops' own overhead dominates. */
public final class AccountTools {
    static final String TOOL = "get_balance";

    @Tool(name = TOOL, value = "Returns the balance of an account")
    @ToolGovernance(effects = Effect.READ)
    public String getBalance(@P("account id, e.g. ACC-1") String accountId) {
        return "Balance of " + accountId + ": 1234.56 EUR";
    }
}
