package dev.warden.quarkus.deployment;

import dev.warden.quarkus.runtime.ToolCatalog;
import dev.warden.quarkus.runtime.ToolCatalogRecorder;
import io.quarkus.arc.deployment.BeanArchiveIndexBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

/**
 * Discovers the {@code @Tool} methods of every {@code @WardenAgent} and of the tool classes it lists from the Jandex
 * index, fails the build for a tool without a {@code @ToolGovernance} descriptor (it would run as an ungoverned,
 * high-risk tool) or for two tools of one agent with the same name, and records what it found as the
 * {@link ToolCatalog} bean the registry builds agents from at startup.
 */
class ToolDiscoveryProcessor {
    static final DotName TOOL = DotName.createSimple("dev.langchain4j.agent.tool.Tool");
    static final DotName TOOL_GOVERNANCE = DotName.createSimple("dev.warden.core.tools.ToolGovernance");

    /** What discovery found: the catalog to record and the build errors. */
    record Discovered(Map<String, List<String>> methods, List<String> errors) {}

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem toolCatalog(ToolCatalogRecorder recorder, AgentDefinitionsBuildItem agents,
            BeanArchiveIndexBuildItem beans, CombinedIndexBuildItem combined) {
        Discovered found = discover(agents, beans.getIndex(), combined.getIndex());
        return SyntheticBeanBuildItem.configure(ToolCatalog.class)
                .scope(Singleton.class)
                .unremovable()
                .supplier(recorder.catalog(found.methods(), ToolSpecificationsAtBuild.of(found.methods())))
                .done();
    }

    @BuildStep
    void validate(AgentDefinitionsBuildItem agents, BeanArchiveIndexBuildItem beans, CombinedIndexBuildItem combined,
            ValidationPhaseBuildItem phase, BuildProducer<ValidationErrorBuildItem> errors) {
        for (String e : discover(agents, beans.getIndex(), combined.getIndex()).errors()) {
            errors.produce(new ValidationErrorBuildItem(new DeploymentException("[Warden] " + e)));
        }
    }

    static Discovered discover(AgentDefinitionsBuildItem agents, IndexView beans, IndexView combined) {
        Map<String, List<String>> methods = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (AgentDefinitionsBuildItem.Definition d : agents.definitions()) {
            Set<String> classes = new LinkedHashSet<>();
            classes.add(d.className());
            classes.addAll(d.toolClasses());
            Map<String, String> names = new LinkedHashMap<>(); // tool name -> where it is declared
            for (String className : classes) {
                ClassInfo c = find(className, beans, combined);
                if (c == null) {
                    errors.add("@WardenAgent '" + d.id() + "': class " + className + " is not in the Jandex index, so"
                            + " its tools cannot be discovered (give its jar a Jandex index or list it in"
                            + " quarkus.index-dependency)");
                    continue;
                }
                List<String> signatures = new ArrayList<>();
                for (MethodInfo m : c.methods()) {
                    AnnotationInstance tool = m.declaredAnnotation(TOOL);
                    if (tool == null) {
                        continue;
                    }
                    String name = toolName(tool, m);
                    String where = className + "#" + m.name();
                    if (!m.hasDeclaredAnnotation(TOOL_GOVERNANCE)) {
                        errors.add("tool '" + name + "' (" + where + ") has no @ToolGovernance descriptor: declare"
                                + " its effects and risk (and labels where it reads or sends data), e.g."
                                + " @ToolGovernance(effects = Effect.READ, risk = Risk.LOW); an undescribed tool"
                                + " would run as ungoverned and HIGH risk");
                    }
                    String previous = names.putIfAbsent(name, where);
                    if (previous != null) {
                        errors.add("@WardenAgent '" + d.id() + "' has two tools named '" + name + "': " + previous
                                + " and " + where);
                    }
                    signatures.add(ToolCatalog.signature(m.name(),
                            m.parameterTypes().stream().map(t -> t.name().toString()).toList()));
                }
                if (!signatures.isEmpty()) {
                    methods.putIfAbsent(className, signatures);
                }
            }
        }
        return new Discovered(methods, errors);
    }

    private static ClassInfo find(String className, IndexView beans, IndexView combined) {
        DotName name = DotName.createSimple(className);
        ClassInfo c = beans.getClassByName(name);
        return c != null ? c : combined.getClassByName(name);
    }

    /** {@code @Tool(name = ...)}, or the method name, as LangChain4j names tools. */
    private static String toolName(AnnotationInstance tool, MethodInfo m) {
        AnnotationValue name = tool.value("name");
        return name == null || name.asString().isBlank() ? m.name() : name.asString();
    }
}
