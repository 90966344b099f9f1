package dev.warden.quarkus.console;

import dev.warden.core.Principal;
import java.util.List;

/**
 * What the console's inventory page shows and what its kill switch does. The default implementation
 * ({@link LocalConsoleInventory}) lists this service's own agents, tools and policies and has no kill switch; an
 * inventory module replaces it with a bean of this type (any scope) that reads the inventory store and records
 * suspensions ({@code POST /v1/inventory/suspensions}, {@code DELETE /v1/inventory/suspensions/{target}/{id}}).
 *
 * <p>The console calls {@link #suspend} and {@link #resume} only for a caller holding
 * {@code warden.console.kill-switch-role}; implementations enforce their own authorisation as well. Must be
 * thread-safe; called on worker threads and may block.
 *
 * <pre>{@code
 * @Singleton
 * class InventoryBackedConsole implements ConsoleInventory {
 *     public Result suspend(Principal by, String target, String id, String reason) {
 *         suspensions.suspend(by, target, id, reason);
 *         return Result.done(target + " " + id + " suspended");
 *     }
 *     ...
 * }
 * }</pre>
 */
public interface ConsoleInventory {

    /** An agent with its tools. {@code status} is e.g. {@code ACTIVE} or {@code SUSPENDED}. */
    record Agent(String id, String description, String owner, String version, List<String> policies,
            List<Tool> tools, String status) {}

    /** A tool: effects, risk, the labels its output carries and the most it may receive. */
    record Tool(String name, String description, List<String> effects, String risk, String sourceLabels,
            String sinkClearance, String status) {}

    /** A policy set serving now. */
    record Policy(String name, String version, int rules, String source) {}

    /** What a kill-switch action did: carried out, or refused with a stable code. */
    record Result(boolean done, String code, String message) {
        public static Result done(String message) {
            return new Result(true, null, message);
        }

        public static Result refused(String code, String message) {
            return new Result(false, code, message);
        }
    }

    /** Where the data comes from, shown on the page (e.g. "this service", "inventory"). */
    String source();

    /** The agents {@code viewer} may see. */
    List<Agent> agents(Principal viewer);

    /** The policy sets serving now. */
    List<Policy> policies(Principal viewer);

    /** Whether suspensions can be carried out (an inventory module is installed). */
    boolean killSwitchInstalled();

    /**
     * Suspends {@code target} ({@code agent} or {@code tool}) {@code id}: its next call is refused.
     *
     * @param by the caller, already checked for the kill-switch role
     */
    Result suspend(Principal by, String target, String id, String reason);

    /** Lifts a suspension. */
    Result resume(Principal by, String target, String id);
}
