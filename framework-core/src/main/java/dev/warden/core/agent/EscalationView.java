package dev.warden.core.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.warden.core.ArgumentOrigin;
import dev.warden.core.SecretArguments;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.tools.ToolRegistry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the person asked to decide a suspended call sees — the approver of an approval, the requester of a
 * confirmation: the user's original request, the run's decision trace up to the call, and each argument with its value,
 * whether it is secret, and its origin where a plane established one. Secrets never appear in clear: secret arguments
 * are shown as {@link SecretArguments#REDACTED}, and every secret value the run has passed to a tool is scrubbed from
 * the request text and from the trace's reasons.
 *
 * @param userRequest the user's request to the run, secrets scrubbed ({@code null} when the run had none)
 * @param trace every checkpoint verdict of the run up to and including the suspended call, secrets scrubbed
 * @param arguments the pending call's arguments, in order
 */
public record EscalationView(String userRequest, List<DecisionSummary> trace, List<Argument> arguments) {

    /**
     * One argument as shown.
     *
     * @param name argument name
     * @param value its value, or {@link SecretArguments#REDACTED}
     * @param secret whether it is labelled SECRET
     * @param origin where it came from; {@link ArgumentOrigin#UNKNOWN} provenance when no plane said
     */
    public record Argument(String name, Object value, boolean secret, ArgumentOrigin origin) {}

    public EscalationView {
        trace = List.copyOf(trace);
        arguments = List.copyOf(arguments);
    }

    /** The view of {@code run}; {@code tools} (the agent's registry, may be {@code null}) tells which values are secret. */
    public static EscalationView of(SuspendedRun run, ToolRegistry tools) {
        PendingApproval pa = run.approval();
        Set<String> secrets = new LinkedHashSet<>(secretValues(run, tools));
        List<DecisionSummary> trace = new ArrayList<>(run.decisions().size());
        for (DecisionSummary d : run.decisions()) {
            trace.add(d.scrubbed(reason -> SecretArguments.scrub(reason, secrets)));
        }
        Map<String, Object> shown = pa.shownArguments();
        List<Argument> args = new ArrayList<>(shown.size());
        shown.forEach((name, value) -> args.add(new Argument(name, value, pa.secretArguments().contains(name),
                pa.origins().stream().filter(o -> o.argument().equals(name)).findFirst()
                        .orElse(new ArgumentOrigin(name, ArgumentOrigin.UNKNOWN, null, null)))));
        return new EscalationView(SecretArguments.scrub(run.userInput(), secrets), trace, args);
    }

    /** Every secret value of the pending call and of the calls the model made before it in this run. */
    private static List<String> secretValues(SuspendedRun run, ToolRegistry tools) {
        List<String> out = new ArrayList<>();
        PendingApproval pa = run.approval();
        Optional<ToolDescriptor> pending = tools == null ? Optional.empty() : tools.descriptor(pa.toolName());
        out.addAll(SecretArguments.values(pending.orElse(null), pa.arguments()));
        for (ChatMessage m : run.messages()) {
            if (m instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
                for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                    ToolDescriptor d = tools == null ? null : tools.descriptor(call.name()).orElse(null);
                    out.addAll(SecretArguments.values(d, parse(call.arguments())));
                }
            }
        }
        return out;
    }

    private static Map<String, Object> parse(String json) {
        try {
            return json == null || json.isBlank() ? Map.of() : dev.warden.core.audit.CanonicalJson.MAPPER.readValue(
                    json, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            return Map.of();
        }
    }
}
