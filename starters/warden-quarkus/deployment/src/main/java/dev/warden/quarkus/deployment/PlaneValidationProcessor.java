package dev.warden.quarkus.deployment;

import dev.warden.quarkus.runtime.PlaneNameCheck;
import dev.warden.spi.PolicyPlane;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.arc.processor.BeanInfo;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.Type;

/**
 * No silent ignore: a plane class that is not a bean would never be consulted, so it fails the build. Plane names are
 * checked for uniqueness when the application starts ({@link PlaneNameCheck}).
 */
class PlaneValidationProcessor {
    static final DotName POLICY_PLANE = DotName.createSimple(PolicyPlane.class);
    /**
     * Annotations that say "not a bean here, on purpose": vetoed, or switched off for this build by a profile or a
     * build property, or an alternative that is not selected.
     */
    static final List<DotName> DELIBERATELY_OFF = List.of(DotName.createSimple("jakarta.enterprise.inject.Vetoed"),
            DotName.createSimple("io.quarkus.arc.profile.IfBuildProfile"),
            DotName.createSimple("io.quarkus.arc.profile.UnlessBuildProfile"),
            DotName.createSimple("io.quarkus.arc.properties.IfBuildProperty"),
            DotName.createSimple("io.quarkus.arc.properties.UnlessBuildProperty"),
            DotName.createSimple("jakarta.enterprise.inject.Alternative"));
    /** Warden's own planes are beans through its producers, each switched by {@code warden.planes.<name>.enabled}. */
    static final Set<String> BUILT_IN = Set.of("dev.warden.identity.IdentityPlane",
            "dev.warden.action.ActionBoundaryPlane", "dev.warden.dataflow.DataFlowPlane");

    @BuildStep
    AdditionalBeanBuildItem planeNameCheck() {
        return AdditionalBeanBuildItem.unremovableOf(PlaneNameCheck.class);
    }

    @BuildStep
    void planesAreBeans(CombinedIndexBuildItem combined, ValidationPhaseBuildItem phase,
            BuildProducer<ValidationErrorBuildItem> errors) {
        IndexView index = combined.getIndex();
        List<BeanInfo> beans = phase.getContext().beans().collect();
        Set<DotName> beanTypes = new HashSet<>();
        for (BeanInfo b : beans) {
            for (Type t : b.getTypes()) {
                beanTypes.add(t.name());
            }
        }
        for (ClassInfo c : index.getAllKnownImplementors(POLICY_PLANE)) {
            if (!concrete(c) || DELIBERATELY_OFF.stream().anyMatch(c::hasDeclaredAnnotation) || BUILT_IN.contains(c.name().toString())
                    || covered(c, beanTypes, index)) {
                continue;
            }
            errors.produce(new ValidationErrorBuildItem(new DeploymentException("[Warden] " + c.name()
                    + " implements PolicyPlane but is not a CDI bean, so Warden would never consult it: annotate it "
                    + "@Singleton (or @ApplicationScoped), produce it from a @Produces method, or annotate it @Vetoed "
                    + "if it is deliberately used outside CDI")));
        }
    }

    private static boolean concrete(ClassInfo c) {
        return !Modifier.isInterface(c.flags()) && !Modifier.isAbstract(c.flags())
                && c.nestingType() != ClassInfo.NestingType.ANONYMOUS && c.nestingType() != ClassInfo.NestingType.LOCAL;
    }

    /** A bean has this class, or one of its superclasses below {@code Object}, among its types. */
    private static boolean covered(ClassInfo c, Set<DotName> beanTypes, IndexView index) {
        ClassInfo k = c;
        while (k != null && !k.name().equals(DotName.OBJECT_NAME)) {
            if (beanTypes.contains(k.name())) {
                return true;
            }
            k = k.superName() == null ? null : index.getClassByName(k.superName());
        }
        return false;
    }
}
