package dev.warden.core;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.warden.core.provenance.ItemLabels;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.Set;

/**
 * What the runtime knows about a tool beyond its name and schema: the effects it has, the highest labels it may
 * receive (its <em>sink clearance</em>) and the labels its output carries (its <em>source labels</em>).
 *
 * <p>Declared with {@link dev.warden.core.tools.ToolGovernance} on a LangChain4j {@code @Tool} method, or supplied by
 * policy metadata. A tool with no declaration has {@code declared == false}; policies should treat it as high risk.
 *
 * @param name tool name as the model sees it
 * @param specification the LangChain4j specification (description and JSON schema of the arguments)
 * @param effects effects the tool has on the world
 * @param sinkClearance the most sensitive labels the tool may receive in its arguments
 * @param sourceLabels labels attached to every result of the tool
 * @param risk coarse risk class
 * @param declared whether the governance metadata was declared explicitly
 * @param itemLabels integrity per item and field of a JSON result, refining {@code sourceLabels}; {@code null} for
 *     whole-result labels
 * @param argumentClearances arguments that reach a sink of their own (a transfer subject the payee reads, an e-mail
 *     body) and the most sensitive labels each may carry, by argument name; arguments not listed share
 *     {@code sinkClearance}
 * @param secretArguments names of arguments that carry secrets (passwords, tokens, keys): never written in clear to
 *     audit records, approval or confirmation views, logs or span attributes (see {@link SecretArguments}); arguments
 *     whose names say they are credentials are treated as secret whether listed or not
 */
public record ToolDescriptor(
        String name,
        ToolSpecification specification,
        Set<Effect> effects,
        Labels sinkClearance,
        Labels sourceLabels,
        Risk risk,
        boolean declared,
        ItemLabels itemLabels,
        Map<String, Labels> argumentClearances,
        Set<String> secretArguments) {

    public ToolDescriptor {
        Objects.requireNonNull(name, "name");
        effects = effects == null || effects.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(effects));
        sinkClearance = sinkClearance == null ? Labels.UNRESTRICTED : sinkClearance;
        sourceLabels = sourceLabels == null ? Labels.PUBLIC : sourceLabels;
        risk = risk == null ? Risk.HIGH : risk;
        secretArguments = secretArguments == null ? Set.of() : Set.copyOf(secretArguments);
        if (argumentClearances == null || argumentClearances.isEmpty()) {
            argumentClearances = Map.of();
        } else {
            Map<String, Labels> lower = new TreeMap<>();
            argumentClearances.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), Objects.requireNonNull(v)));
            argumentClearances = Map.copyOf(lower);
        }
    }

    /** A descriptor with whole-result labels and no per-argument sinks. */
    public ToolDescriptor(String name, ToolSpecification specification, Set<Effect> effects, Labels sinkClearance,
            Labels sourceLabels, Risk risk, boolean declared) {
        this(name, specification, effects, sinkClearance, sourceLabels, risk, declared, null, Map.of(), Set.of());
    }

    /** A descriptor with whole-result labels, no per-argument sinks and the given secret arguments. */
    public ToolDescriptor(String name, ToolSpecification specification, Set<Effect> effects, Labels sinkClearance,
            Labels sourceLabels, Risk risk, boolean declared, Set<String> secretArguments) {
        this(name, specification, effects, sinkClearance, sourceLabels, risk, declared, null, Map.of(),
                secretArguments);
    }

    /** A descriptor with item labels and per-argument sinks and no declared secret arguments. */
    public ToolDescriptor(String name, ToolSpecification specification, Set<Effect> effects, Labels sinkClearance,
            Labels sourceLabels, Risk risk, boolean declared, ItemLabels itemLabels,
            Map<String, Labels> argumentClearances) {
        this(name, specification, effects, sinkClearance, sourceLabels, risk, declared, itemLabels,
                argumentClearances, Set.of());
    }

    /** The clearance of argument {@code name}: its own when declared, else the tool's sink clearance. */
    public Labels clearanceOf(String argument) {
        Labels own = argument == null ? null : argumentClearances.get(argument.toLowerCase(Locale.ROOT));
        return own == null ? sinkClearance : own;
    }

    public boolean hasEffect(Effect effect) {
        return effects.contains(effect);
    }

    /** A minimal descriptor, mainly for tests and synthetic checkpoints. */
    public static ToolDescriptor named(String name, Effect... effects) {
        return new ToolDescriptor(name, ToolSpecification.builder().name(name).build(), Set.of(effects), null, null,
                Risk.LOW, true);
    }
}
