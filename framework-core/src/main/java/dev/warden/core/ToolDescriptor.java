package dev.warden.core;

import dev.langchain4j.agent.tool.ToolSpecification;
import java.util.EnumSet;
import java.util.Objects;
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
        Set<String> secretArguments) {

    public ToolDescriptor {
        Objects.requireNonNull(name, "name");
        effects = effects == null || effects.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(effects));
        sinkClearance = sinkClearance == null ? Labels.UNRESTRICTED : sinkClearance;
        sourceLabels = sourceLabels == null ? Labels.PUBLIC : sourceLabels;
        risk = risk == null ? Risk.HIGH : risk;
        secretArguments = secretArguments == null ? Set.of() : Set.copyOf(secretArguments);
    }

    /** A descriptor with no declared secret arguments. */
    public ToolDescriptor(String name, ToolSpecification specification, Set<Effect> effects, Labels sinkClearance,
            Labels sourceLabels, Risk risk, boolean declared) {
        this(name, specification, effects, sinkClearance, sourceLabels, risk, declared, Set.of());
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
