package dev.warden.quarkus.deployment;

import io.quarkus.builder.item.SimpleBuildItem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.Type;

/** The {@code @WardenAgent} classes of the application as read from the Jandex index. */
public final class AgentDefinitionsBuildItem extends SimpleBuildItem {

    /** One annotated class, with the attributes build-time validation needs. */
    public record Definition(String className, String id, List<String> policies, List<String> toolClasses) {}

    private final List<Definition> definitions;

    AgentDefinitionsBuildItem(List<Definition> definitions) {
        this.definitions = List.copyOf(definitions);
    }

    static AgentDefinitionsBuildItem scan(IndexView index) {
        List<Definition> out = new ArrayList<>();
        for (AnnotationInstance a : index.getAnnotations(WardenProcessor.WARDEN_AGENT)) {
            if (a.target().kind() != AnnotationTarget.Kind.CLASS) {
                continue;
            }
            AnnotationValue policies = a.value("policies");
            AnnotationValue tools = a.value("tools");
            out.add(new Definition(a.target().asClass().name().toString(), a.value("id").asString(),
                    policies == null ? List.of() : List.of(policies.asStringArray()),
                    tools == null ? List.of() : List.of(tools.asClassArray()).stream()
                            .map(Type::name).map(Object::toString).toList()));
        }
        return new AgentDefinitionsBuildItem(out);
    }

    public List<Definition> definitions() {
        return definitions;
    }

    List<String> classNames() {
        return definitions.stream().map(Definition::className).toList();
    }

    List<String> reflectiveClasses() {
        Set<String> all = new LinkedHashSet<>();
        for (Definition d : definitions) {
            all.add(d.className());
            all.addAll(d.toolClasses());
        }
        return List.copyOf(all);
    }
}
