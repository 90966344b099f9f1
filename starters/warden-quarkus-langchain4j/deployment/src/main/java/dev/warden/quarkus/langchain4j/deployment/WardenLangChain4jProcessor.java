package dev.warden.quarkus.langchain4j.deployment;

import dev.warden.quarkus.langchain4j.AiServiceToolClasses;
import io.quarkus.arc.deployment.BeanArchiveIndexBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.TreeSet;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;

/** Build steps of warden-quarkus-langchain4j: its feature name and the tool classes found in the index. */
class WardenLangChain4jProcessor {
    static final String FEATURE = "warden-langchain4j";
    static final DotName TOOL = DotName.createSimple("dev.langchain4j.agent.tool.Tool");

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /** The bean classes with {@code @Tool} methods, recorded so that nothing inspects every bean at run time. */
    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem toolClasses(AiServiceToolClasses.Carrier recorder, BeanArchiveIndexBuildItem beans) {
        return SyntheticBeanBuildItem.configure(AiServiceToolClasses.class)
                .scope(Singleton.class)
                .unremovable()
                .supplier(recorder.classes(toolClasses(beans.getIndex())))
                .done();
    }

    static List<String> toolClasses(IndexView index) {
        TreeSet<String> out = new TreeSet<>();
        for (AnnotationInstance tool : index.getAnnotations(TOOL)) {
            if (tool.target().kind() == AnnotationTarget.Kind.METHOD) {
                out.add(tool.target().asMethod().declaringClass().name().toString());
            }
        }
        return List.copyOf(out);
    }
}
