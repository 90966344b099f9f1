package dev.warden.core.tools;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.warden.core.Labels;
import dev.warden.core.Risk;
import dev.warden.core.ToolDescriptor;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The tools an agent may ask for, with their governance metadata. Executors are held privately: the only way to run a
 * registered tool is {@link GovernedToolExecutor}, which passes every call through the {@code TOOL_CALL} and
 * {@code TOOL_RESULT} checkpoints.
 *
 * <pre>{@code
 * ToolRegistry tools = ToolRegistry.builder().tools(new BankingTools()).build();
 * }</pre>
 */
public final class ToolRegistry {
    private final Map<String, RegisteredTool> tools;
    private final List<ToolSpecification> specifications;

    /** @param timeout the tool's own time budget per call, or {@code null} (bounded only by the run's deadline) */
    record RegisteredTool(ToolDescriptor descriptor, ToolExecutor executor, Duration timeout) {}

    private ToolRegistry(Map<String, RegisteredTool> tools) {
        this.tools = Collections.unmodifiableMap(new LinkedHashMap<>(tools));
        List<ToolSpecification> specs = new ArrayList<>();
        tools.values().forEach(t -> specs.add(t.descriptor().specification()));
        this.specifications = List.copyOf(specs);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ToolRegistry of(Object... toolObjects) {
        return builder().tools(toolObjects).build();
    }

    public Optional<ToolDescriptor> descriptor(String name) {
        RegisteredTool t = name == null ? null : tools.get(name);
        return t == null ? Optional.empty() : Optional.of(t.descriptor());
    }

    /** Specifications shown to the model. */
    public List<ToolSpecification> specifications() {
        return specifications;
    }

    public Set<String> names() {
        return tools.keySet();
    }

    public List<ToolDescriptor> descriptors() {
        List<ToolDescriptor> out = new ArrayList<>();
        tools.values().forEach(t -> out.add(t.descriptor()));
        return out;
    }

    RegisteredTool lookup(String name) {
        return name == null ? null : tools.get(name);
    }

    /** Builds a {@link ToolRegistry}; tool names must be unique. */
    public static final class Builder {
        private final Map<String, RegisteredTool> tools = new LinkedHashMap<>();
        private final Map<String, UnaryOperator<ToolDescriptor>> overrides = new LinkedHashMap<>();
        private final Map<String, Duration> timeouts = new LinkedHashMap<>();

        /** Registers every {@code @Tool} method of each object. */
        public Builder tools(Object... toolObjects) {
            for (Object o : toolObjects) {
                for (Method m : o.getClass().getDeclaredMethods()) {
                    if (m.isAnnotationPresent(Tool.class)) {
                        method(o, m);
                    }
                }
            }
            return this;
        }

        /**
         * Registers one {@code @Tool} method of {@code target}, found beforehand (the Quarkus extension discovers
         * tool methods at build time instead of scanning classes at startup).
         */
        public Builder method(Object target, Method m) {
            if (!m.isAnnotationPresent(Tool.class)) {
                throw new IllegalArgumentException(m + " is not annotated @Tool");
            }
            return method(target, m, ToolSpecifications.toolSpecificationFrom(m));
        }

        /**
         * Registers one {@code @Tool} method with the specification computed for it beforehand (the Quarkus extension
         * computes every tool's specification and argument schema at build time); {@code spec} must name the tool as
         * the method's {@code @Tool} does.
         */
        public Builder method(Object target, Method m, ToolSpecification spec) {
            if (!m.isAnnotationPresent(Tool.class)) {
                throw new IllegalArgumentException(m + " is not annotated @Tool");
            }
            Tool tool = m.getAnnotation(Tool.class);
            String name = tool.name() == null || tool.name().isBlank() ? m.getName() : tool.name();
            if (!name.equals(spec.name())) {
                throw new IllegalArgumentException("specification '" + spec.name() + "' does not belong to " + m);
            }
            ToolGovernance g = m.getAnnotation(ToolGovernance.class);
            add(descriptorOf(spec, g), new DefaultToolExecutor(target, m),
                    g == null || g.timeoutMillis() <= 0 ? null : Duration.ofMillis(g.timeoutMillis()));
            return this;
        }

        /** Registers a programmatic tool (MCP, HTTP…) with its descriptor. */
        public Builder tool(ToolDescriptor descriptor, ToolExecutor executor) {
            add(descriptor, executor, null);
            return this;
        }

        /**
         * Gives a registered tool its own time budget per call (a CPU- or I/O-heavy tool), in addition to the run's
         * deadline: a call still running when it passes is cancelled and the model told so ({@code
         * WARDEN-CORE-0241}). Overrides {@link ToolGovernance#timeoutMillis()}. Applied at {@link #build()}.
         */
        public Builder timeout(String toolName, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("a tool timeout must be positive, got " + value);
            }
            timeouts.put(toolName, value);
            return this;
        }

        /** Names of the tools registered so far. */
        public Set<String> names() {
            return Set.copyOf(tools.keySet());
        }

        /** Replaces a tool's descriptor, e.g. with metadata from policy files. Applied at {@link #build()}. */
        public Builder describe(String toolName, UnaryOperator<ToolDescriptor> change) {
            overrides.put(toolName, change);
            return this;
        }

        private void add(ToolDescriptor d, ToolExecutor executor, Duration timeout) {
            if (tools.putIfAbsent(d.name(), new RegisteredTool(d, executor, timeout)) != null) {
                throw new IllegalArgumentException("duplicate tool name '" + d.name() + "'");
            }
        }

        public ToolRegistry build() {
            for (var e : overrides.entrySet()) {
                RegisteredTool t = tools.get(e.getKey());
                if (t == null) {
                    throw new IllegalArgumentException("descriptor override for unknown tool '" + e.getKey() + "'");
                }
                tools.put(e.getKey(), new RegisteredTool(e.getValue().apply(t.descriptor()), t.executor(), t.timeout()));
            }
            for (var e : timeouts.entrySet()) {
                RegisteredTool t = tools.get(e.getKey());
                if (t == null) {
                    throw new IllegalArgumentException("timeout for unknown tool '" + e.getKey() + "'");
                }
                tools.put(e.getKey(), new RegisteredTool(t.descriptor(), t.executor(), e.getValue()));
            }
            return new ToolRegistry(tools);
        }
    }

    static ToolDescriptor descriptorOf(ToolSpecification spec, ToolGovernance g) {
        if (g == null) {
            return new ToolDescriptor(spec.name(), spec, Set.of(), Labels.UNRESTRICTED, Labels.PUBLIC, Risk.HIGH, false);
        }
        Labels sink = new Labels(g.sinkLevel(), new TreeSet<>(Arrays.asList(g.sinkCategories())),
                dev.warden.core.Integrity.UNTRUSTED);
        Labels source = new Labels(g.sourceLevel(), new TreeSet<>(Arrays.asList(g.sourceCategories())),
                g.sourceIntegrity());
        return new ToolDescriptor(spec.name(), spec, Set.of(g.effects()), sink, source, g.risk(), true,
                withAuthors(dev.warden.core.provenance.ItemLabels.parse(g.trustedItemWhen(), g.trustedFields(),
                        g.untrustedFields()), g.authorFields()),
                argumentClearances(spec.name(), g.argumentClearances()), Set.of(g.secretArguments()));
    }

    private static dev.warden.core.provenance.ItemLabels withAuthors(dev.warden.core.provenance.ItemLabels items,
            String[] authors) {
        if (authors.length == 0) {
            return items;
        }
        if (items == null) {
            throw new IllegalArgumentException("authorFields " + Arrays.toString(authors) + " must be trustedFields");
        }
        return items.withAuthors(authors);
    }

    /** Parses {@code name=LEVEL} or {@code name=LEVEL[CAT,...]}; a malformed entry names the tool. */
    static java.util.Map<String, Labels> argumentClearances(String tool, String[] entries) {
        java.util.Map<String, Labels> out = new java.util.TreeMap<>();
        for (String entry : entries) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*([\\w.-]+)\\s*=\\s*([A-Za-z]+)\\s*"
                    + "(?:\\[([^\\]]*)])?\\s*").matcher(entry);
            if (!m.matches()) {
                throw new IllegalArgumentException("tool '" + tool + "': argumentClearances entry '" + entry
                        + "' must read name=LEVEL or name=LEVEL[CATEGORY,...]");
            }
            dev.warden.core.Confidentiality level = dev.warden.core.Confidentiality.valueOf(
                    m.group(2).toUpperCase(java.util.Locale.ROOT));
            java.util.List<String> cats = m.group(3) == null || m.group(3).isBlank() ? java.util.List.of()
                    : java.util.Arrays.stream(m.group(3).split(",")).map(String::trim).toList();
            out.put(m.group(1).toLowerCase(java.util.Locale.ROOT),
                    new Labels(level, new TreeSet<>(cats), dev.warden.core.Integrity.UNTRUSTED));
        }
        return out;
    }
}
