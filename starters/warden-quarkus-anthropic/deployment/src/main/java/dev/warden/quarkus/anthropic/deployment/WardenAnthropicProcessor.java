package dev.warden.quarkus.anthropic.deployment;

import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.IndexDependencyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import java.util.List;
import java.util.TreeSet;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.IndexView;

/** Build steps of warden-quarkus-anthropic: its feature name and what a native image needs of it. */
class WardenAnthropicProcessor {
    static final String FEATURE = "warden-anthropic";
    /** LangChain4j's Anthropic client writes and reads the Messages API as JSON through these classes (Jackson). */
    static final String WIRE_PACKAGE = "dev.langchain4j.model.anthropic.internal.api";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    IndexDependencyBuildItem indexAnthropicClient() {
        return new IndexDependencyBuildItem("dev.langchain4j", "langchain4j-anthropic");
    }

    @BuildStep
    void wireTypesAreReflective(CombinedIndexBuildItem combined, BuildProducer<ReflectiveClassBuildItem> reflective) {
        List<String> classes = wireTypes(combined.getIndex());
        if (!classes.isEmpty()) {
            reflective.produce(ReflectiveClassBuildItem.builder(classes.toArray(String[]::new)).constructors()
                    .methods().fields().build());
        }
    }

    static List<String> wireTypes(IndexView index) {
        TreeSet<String> out = new TreeSet<>();
        for (ClassInfo c : index.getKnownClasses()) {
            if (c.name().packagePrefix() != null && c.name().packagePrefix().equals(WIRE_PACKAGE)) {
                out.add(c.name().toString());
            }
        }
        return List.copyOf(out);
    }
}
