package dev.warden.quarkus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a governed agent. The annotated class is a CDI bean (singleton unless it declares a scope); its own
 * LangChain4j {@code @Tool} methods, and those of the beans listed in {@link #tools()}, are the agent's tools and are
 * reachable only through Warden's governed executor.
 *
 * <p>Validated at build time: the id is unique and at least one policy set is named. At startup every named policy
 * set must be loaded and every tool a policy names must exist, or the application refuses to start.
 *
 * <pre>{@code
 * @WardenAgent(id = "banking-assistant", description = "Answers account questions and moves money",
 *         policies = "banking", systemMessage = "You are a careful banking assistant.")
 * public class BankingAssistant {
 *     @Tool("Current balance") public String get_balance() { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WardenAgent {
    /** Stable agent id: appears in every decision record, span and the REST API. */
    String id();

    /** What the agent is for; shown in the inventory. */
    String description() default "";

    /** Team accountable for the agent. */
    String owner() default "unknown";

    /** Version of the agent's definition; recorded with its decisions. */
    String version() default "1";

    /** System message given to the model at the start of every run. */
    String systemMessage() default "";

    /** Further beans whose {@code @Tool} methods the agent may use. */
    Class<?>[] tools() default {};

    /** Names of the policy sets that govern this agent (at least one). */
    String[] policies();

    /** Name of the {@code ChatModel} bean ({@code @Named}); empty means {@code warden.model}. */
    String model() default "";
}
