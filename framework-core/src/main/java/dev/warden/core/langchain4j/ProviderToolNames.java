package dev.warden.core.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Tool names as model providers accept them. OpenAI and Anthropic both require {@code ^[a-zA-Z0-9_-]{1,64}$}, so
 * Warden's dotted names ({@code crm.get_customer}, {@code email.send}) are renamed in the request sent to the model and
 * renamed back in its answer; tools, policies and the audit trail keep the real names.
 *
 * <p>The mapping is a bijection over one agent's tools, fixed when the agent is built: a name the providers accept is
 * kept; any other has each disallowed character replaced by {@code _}. If that collides with another tool's provider
 * name, or is longer than 64 characters, it is cut to 55 and suffixed with {@code _} and 8 hex digits of the SHA-256
 * of the real name. A name the model sends back that is not in the mapping passes through unchanged (and is refused as
 * an unknown tool by the governed executor, as any invented name is).
 *
 * <pre>{@code
 * ProviderToolNames names = ProviderToolNames.of(List.of("crm.get_customer", "sql.query"));
 * ChatResponse r = names.fromProvider(model.chat(names.toProvider(request)));
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class ProviderToolNames {
    /** The tool-name rule of the OpenAI and Anthropic APIs. */
    public static final Pattern PROVIDER_RULE = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");
    private static final int MAX = 64;

    private final Map<String, String> toProvider;
    private final Map<String, String> fromProvider;

    private ProviderToolNames(Map<String, String> toProvider) {
        this.toProvider = Map.copyOf(toProvider);
        Map<String, String> back = new HashMap<>();
        toProvider.forEach((real, safe) -> back.put(safe, real));
        this.fromProvider = Map.copyOf(back);
    }

    /** The mapping for one agent's tool names. Deterministic: the same names always map the same way. */
    public static ProviderToolNames of(Collection<String> realNames) {
        Map<String, String> out = new LinkedHashMap<>();
        TreeSet<String> sorted = new TreeSet<>(realNames);
        java.util.Set<String> taken = new java.util.HashSet<>();
        // names the providers accept keep themselves first, so a renamed tool can never take one of them
        for (String name : sorted) {
            if (PROVIDER_RULE.matcher(name).matches()) {
                out.put(name, name);
                taken.add(name);
            }
        }
        for (String name : sorted) {
            if (out.containsKey(name)) {
                continue;
            }
            String safe = name.replaceAll("[^a-zA-Z0-9_-]", "_");
            if (safe.isEmpty() || safe.length() > MAX || taken.contains(safe)) {
                safe = hashed(safe, name);
            }
            out.put(name, safe);
            taken.add(safe);
        }
        return new ProviderToolNames(out);
    }

    private static String hashed(String safe, String real) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(real.getBytes(StandardCharsets.UTF_8));
            String prefix = safe.isEmpty() ? "tool" : safe.substring(0, Math.min(55, safe.length()));
            return prefix + "_" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** Whether every name is already what the providers accept (then requests go out unchanged). */
    public boolean identity() {
        return toProvider.entrySet().stream().allMatch(e -> e.getKey().equals(e.getValue()));
    }

    public String toProvider(String realName) {
        return realName == null ? null : toProvider.getOrDefault(realName, realName);
    }

    public String fromProvider(String providerName) {
        return providerName == null ? null : fromProvider.getOrDefault(providerName, providerName);
    }

    /** The request with tool specifications, earlier tool calls and tool results under provider names. */
    public ChatRequest toProvider(ChatRequest request) {
        if (identity()) {
            return request;
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (ChatMessage m : request.messages()) {
            if (m instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
                messages.add(ai.toBuilder().toolExecutionRequests(rename(ai.toolExecutionRequests(), true)).build());
            } else if (m instanceof ToolExecutionResultMessage r && r.toolName() != null) {
                messages.add(ToolExecutionResultMessage.builder().id(r.id()).toolName(toProvider(r.toolName()))
                        .contents(r.contents()).isError(r.isError()).attributes(r.attributes()).build());
            } else {
                messages.add(m);
            }
        }
        ChatRequestParameters params = request.parameters();
        List<ToolSpecification> specs = request.toolSpecifications();
        if (specs != null && !specs.isEmpty()) {
            params = params.overrideWith(ChatRequestParameters.builder().toolSpecifications(specs.stream()
                    .map(s -> s.toBuilder().name(toProvider(s.name())).build()).toList()).build());
        }
        return ChatRequest.builder().messages(messages).parameters(params).build();
    }

    /** The response with the tool calls the model asked for under their real names. */
    public ChatResponse fromProvider(ChatResponse response) {
        if (identity() || response == null || response.aiMessage() == null
                || !response.aiMessage().hasToolExecutionRequests()) {
            return response;
        }
        AiMessage ai = response.aiMessage();
        return response.toBuilder().aiMessage(ai.toBuilder()
                .toolExecutionRequests(rename(ai.toolExecutionRequests(), false)).build()).build();
    }

    private List<ToolExecutionRequest> rename(List<ToolExecutionRequest> calls, boolean outbound) {
        return calls.stream().map(c -> c.toBuilder().name(outbound ? toProvider(c.name()) : fromProvider(c.name()))
                .build()).toList();
    }
}
