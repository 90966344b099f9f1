package dev.warden.policy.internal;

import dev.cel.runtime.CelVariableResolver;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CEL variables of one evaluation. Each variable is converted on first use and then reused by every rule
 * evaluated for the same request, so a request pays for the variables its rules touch, once. Not thread-safe: one
 * instance per {@code evaluate} call.
 */
public final class RequestActivation implements CelVariableResolver {
    private final CheckpointRequest request;
    private final GovernanceContext context;
    private Map<String, Object> user;
    private Map<String, Object> agent;
    private Map<String, Object> task;
    private Map<String, Object> tool;
    private Map<String, Object> args;
    private Map<String, Object> ctx;
    private Map<String, Object> content;
    private List<Object> chain;
    private Map<String, Object> attributes;

    private final dev.warden.spi.RuleVocabulary plugin;
    private Map<String, Object> pluginValues;

    public RequestActivation(CheckpointRequest request, GovernanceContext context) {
        this(request, context, null);
    }

    /** @param plugin the vocabulary of the plane whose rules are evaluated, or {@code null} */
    public RequestActivation(CheckpointRequest request, GovernanceContext context,
            dev.warden.spi.RuleVocabulary plugin) {
        this.request = request;
        this.context = context;
        this.plugin = plugin;
    }

    @Override
    public Optional<Object> find(String name) {
        return Optional.ofNullable(value(name));
    }

    /** The context the request is evaluated in. */
    public GovernanceContext context() {
        return context;
    }

    /** The request being evaluated. */
    public CheckpointRequest request() {
        return request;
    }

    /** The value of CEL variable {@code name} (converted on first use), or {@code null} if there is none. */
    Object variable(String name) {
        return value(name);
    }

    /**
     * {@code args[key]} as CEL sees it, or {@code null} when CEL's map has no such key; reads the one argument
     * without converting the others when the map has not been built yet.
     */
    Object argument(String key) {
        if (args != null) {
            return args.get(key);
        }
        Object raw = request.arguments().get(key);
        return raw instanceof List<?> list && ValueMapper.isNormalised(list) ? list : ValueMapper.json(raw);
    }

    /** The normalised tool arguments, as CEL sees them. */
    public Map<String, Object> args() {
        if (args == null) {
            args = ValueMapper.jsonMap(request.arguments());
        }
        return args;
    }

    private Object value(String name) {
        switch (name) {
            case "user" -> {
                if (user == null) {
                    var p = context.user();
                    user = Map.of("id", p.id(), "tenant", p.tenant(), "roles", List.copyOf(p.roles()),
                            "attributes", p.attributes());
                }
                return user;
            }
            case "agent" -> {
                if (agent == null) {
                    var a = context.agent();
                    agent = Map.of("id", a.id(), "version", a.version(), "owner", a.owner());
                }
                return agent;
            }
            case "task" -> {
                if (task == null) {
                    var t = context.task();
                    task = Map.of("runId", ValueMapper.str(t.runId()),
                            "conversationId", ValueMapper.str(t.conversationId()),
                            "purpose", ValueMapper.str(t.purpose()));
                }
                return task;
            }
            case "tool" -> {
                if (tool == null) {
                    tool = request.tool() == null ? ValueMapper.NO_TOOL : ValueMapper.tool(request.tool());
                }
                return tool;
            }
            case "args" -> {
                return args();
            }
            case "context" -> {
                if (ctx == null) {
                    ctx = ValueMapper.context(context, chain());
                }
                return ctx;
            }
            case "content" -> {
                if (content == null) {
                    content = Map.of("text", ValueMapper.str(request.content()),
                            "labels", ValueMapper.labels(request.contentLabels()));
                }
                return content;
            }
            case "chain" -> {
                return chain();
            }
            case "target" -> {
                return ValueMapper.str(request.target());
            }
            case "checkpoint" -> {
                return request.checkpoint().name();
            }
            case "attributes" -> {
                if (attributes == null) {
                    attributes = ValueMapper.jsonMap(request.attributes());
                }
                return attributes;
            }
            default -> {
                return plugin == null ? null : pluginVariable(name);
            }
        }
    }

    /** A plugin variable, resolved on first use; a resolver that throws fails the rule (fail closed). */
    private Object pluginVariable(String name) {
        var v = plugin.variables().get(name);
        if (v == null) {
            return null;
        }
        if (pluginValues == null) {
            pluginValues = new java.util.HashMap<>(4);
        }
        Object known = pluginValues.get(name);
        if (known == null) {
            known = PluginVocabularies.value(v.type(), v.resolver().resolve(request, context));
            pluginValues.put(name, known);
        }
        return known;
    }

    private List<Object> chain() {
        if (chain == null) {
            chain = ValueMapper.chain(context.chain());
        }
        return chain;
    }
}
