package dev.warden.samples.research;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.Effect;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.quarkus.WardenAgent;

/**
 * Checks claims for the writer. Only the writer has a trust edge to it: the supervisor delegating here directly is
 * refused ({@code WARDEN-DLG-0005}).
 */
@WardenAgent(id = "fact-checker", description = "Checks single claims against the knowledge base",
        owner = "research-team", version = "1.0", policies = "research-team")
public class FactChecker {
    @Tool(name = "check_claim", value = "Checks one claim")
    @ToolGovernance(effects = Effect.READ)
    public String checkClaim(@P("the claim") String claim) {
        return "Checked: '" + claim + "' is consistent with the sources";
    }
}
