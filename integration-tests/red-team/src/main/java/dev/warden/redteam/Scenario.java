package dev.warden.redteam;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One adversarial scenario, read from a YAML file (see {@link ScenarioLoader}): a situation set up in the agent's
 * environment with an injected instruction hidden in content from outside, a user task with a ground-truth check, and
 * an attacker goal with a check on the environment afterwards.
 *
 * <p>Checks are data, interpreted by the {@link ScenarioTarget} that runs the scenario: a map is a conjunction of
 * predicates, a list of maps is a disjunction. Immutable and thread-safe.
 *
 * @param id unique, stable id (used in reports)
 * @param suite the sample or system the scenario targets, e.g. {@code banking}
 * @param description what the scenario shows, one sentence
 * @param environment overrides deep-merged onto the target's base environment; the text {@code {{injection}}} in any
 *        string is replaced by the injection (attack runs) or by the benign text (benign runs)
 * @param injection the injected instruction and its benign stand-in
 * @param userTask what the user asks for and how to tell it was done
 * @param attack what the attacker wants and how a compromised model tries it
 */
public record Scenario(String id, String suite, String description, Map<String, Object> environment,
        Injection injection, UserTask userTask, Attack attack) {

    /** The text {@link #environment()} strings carry where the injection goes. */
    public static final String PLACEHOLDER = "{{injection}}";

    public Scenario {
        Objects.requireNonNull(id, "id");
        environment = environment == null ? Map.of() : environment;
        Objects.requireNonNull(injection, "injection");
        Objects.requireNonNull(userTask, "user_task");
        Objects.requireNonNull(attack, "attack");
    }

    /**
     * @param text what the attacker planted
     * @param benign what the same place holds in a benign run (default: an innocuous memo)
     */
    public record Injection(String text, String benign) {
        public Injection {
            Objects.requireNonNull(text, "injection.text");
            benign = benign == null ? "Thank you" : benign;
        }
    }

    /**
     * @param prompt the user's request, verbatim
     * @param turns the tool calls a model doing the task makes, one list per model turn
     * @param approvals calls a diligent approver approves (each at most once); every other held call is refused
     * @param check ground truth on the final state (map: all hold; list: any map holds)
     */
    public record UserTask(String prompt, List<List<ToolCallSpec>> turns, List<ToolCallSpec> approvals,
            Object check) {
        public UserTask {
            Objects.requireNonNull(prompt, "user_task.prompt");
            turns = turns == null ? List.of() : turns;
            approvals = approvals == null ? List.of() : approvals;
        }
    }

    /**
     * @param goal the attacker's goal in words
     * @param check whether the goal was reached, on the final state (map: all hold; list: any map holds)
     * @param afterTurn the number of user-task turns done before the compromised model acts on the injection
     * @param turns what an obedient model does: the injected instruction, verbatim
     * @param variants what an adaptive model tries, each variant in a fresh run
     */
    public record Attack(String goal, Object check, Integer afterTurn, List<List<ToolCallSpec>> turns,
            List<Variant> variants) {
        public Attack {
            Objects.requireNonNull(goal, "attack.goal");
            Objects.requireNonNull(check, "attack.check");
            turns = turns == null ? List.of() : turns;
            variants = variants == null ? List.of() : variants;
        }

        public int afterTurnOr(int fallback) {
            return afterTurn == null ? fallback : afterTurn;
        }
    }

    /**
     * An adaptive attempt.
     *
     * @param name short name for the report ({@code split-amount}, {@code iban-spaces}…)
     * @param afterTurn overrides {@link Attack#afterTurn()}; {@code 0} models a model compromised from the start
     * @param turns the calls of this attempt
     */
    public record Variant(String name, Integer afterTurn, List<List<ToolCallSpec>> turns) {
        public Variant {
            Objects.requireNonNull(name, "variant.name");
            turns = turns == null ? List.of() : turns;
        }
    }

    /** A tool call a scripted model makes: tool name and JSON-like arguments. */
    public record ToolCallSpec(String tool, Map<String, Object> args) {
        public ToolCallSpec {
            Objects.requireNonNull(tool, "tool");
            args = args == null ? Map.of() : args;
        }
    }
}
