package dev.warden.bomapp;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.Effect;
import dev.warden.core.Risk;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.quarkus.WardenAgent;

/** One governed agent with one tool, as the smallest application on the Warden BOM would have. */
@WardenAgent(id = "greeter", description = "Greets people", owner = "it", policies = "greeter")
public class GreeterAgent {

    @Tool(name = "greet", value = "Greets a person by name")
    @ToolGovernance(effects = Effect.READ, risk = Risk.LOW)
    public String greet(@P("the person's name") String name) {
        return "Hello, " + name + "!";
    }
}
