package dev.warden.quarkus.console;

import dev.warden.core.Principal;
import dev.warden.core.ToolDescriptor;
import dev.warden.policy.PolicyEngine;
import dev.warden.quarkus.runtime.AgentRegistry;
import io.quarkus.arc.DefaultBean;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;

/**
 * The inventory as this service knows it, when no inventory module is installed: its own agents (with their tools'
 * effects, risk and labels) and the policy sets it serves. There is no kill switch without the inventory module:
 * pressing it is refused with {@link ConsoleCodes#INVENTORY_NOT_INSTALLED} and changes nothing.
 */
@Singleton
@DefaultBean
public class LocalConsoleInventory implements ConsoleInventory {
    @Inject
    AgentRegistry registry;
    @Inject
    PolicyEngine policies;

    @Override
    public String source() {
        return "this service";
    }

    @Override
    public List<Agent> agents(Principal viewer) {
        return registry.all().stream()
                .sorted(Comparator.comparing(AgentRegistry.RegisteredAgent::id))
                .map(a -> new Agent(a.id(), a.description(), a.owner(), a.version(), a.policies(),
                        a.agent().toolRegistry().descriptors().stream()
                                .sorted(Comparator.comparing(ToolDescriptor::name))
                                .map(LocalConsoleInventory::tool).toList(), "ACTIVE"))
                .toList();
    }

    static Tool tool(ToolDescriptor d) {
        return new Tool(d.name(), d.specification() == null ? null : d.specification().description(),
                d.effects().stream().map(Enum::name).sorted().toList(),
                d.risk() == null ? null : d.risk().name(),
                d.sourceLabels() == null ? null : d.sourceLabels().toString(),
                d.sinkClearance() == null ? null : d.sinkClearance().toString(), "ACTIVE");
    }

    @Override
    public List<Policy> policies(Principal viewer) {
        return policies.policySets().stream()
                .map(s -> new Policy(s.name(), s.version(), s.rules().size(), s.source())).toList();
    }

    @Override
    public boolean killSwitchInstalled() {
        return false;
    }

    @Override
    public Result suspend(Principal by, String target, String id, String reason) {
        return notInstalled();
    }

    @Override
    public Result resume(Principal by, String target, String id) {
        return notInstalled();
    }

    private static Result notInstalled() {
        return Result.refused(ConsoleCodes.INVENTORY_NOT_INSTALLED, "inventory module not installed: the kill switch "
                + "needs it (suspensions are kept and enforced there); nothing was changed");
    }
}
