package dev.warden.quarkus.deployment;

import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.util.HashMap;
import java.util.Map;
import org.jboss.jandex.DotName;

/**
 * Fails the build for agent definitions that cannot be right: an agent without policy sets (it would run
 * ungoverned by anything but the defaults), a blank or duplicate id, or a tool class that is not a bean.
 */
class AgentValidationProcessor {

    @BuildStep
    void validate(AgentDefinitionsBuildItem agents, ValidationPhaseBuildItem phase,
            BuildProducer<ValidationErrorBuildItem> errors) {
        Map<String, String> ids = new HashMap<>();
        for (AgentDefinitionsBuildItem.Definition d : agents.definitions()) {
            if (d.id() == null || d.id().isBlank()) {
                errors.produce(error(d.className() + ": @WardenAgent id must not be blank"));
                continue;
            }
            String previous = ids.putIfAbsent(d.id(), d.className());
            if (previous != null) {
                errors.produce(error("@WardenAgent id '" + d.id() + "' is declared twice: " + previous + " and "
                        + d.className()));
            }
            if (d.policies().isEmpty() || d.policies().stream().anyMatch(String::isBlank)) {
                errors.produce(error("@WardenAgent '" + d.id() + "' (" + d.className()
                        + ") names no policy set: every agent must be governed by at least one (policies = ...)"));
            }
            for (String tool : d.toolClasses()) {
                boolean isBean = !phase.getContext().beans().withBeanClass(DotName.createSimple(tool)).isEmpty();
                if (!isBean) {
                    errors.produce(error("@WardenAgent '" + d.id() + "' lists tool class " + tool
                            + ", which is not a CDI bean (annotate it @Singleton or @ApplicationScoped)"));
                }
            }
        }
    }

    private static ValidationErrorBuildItem error(String message) {
        return new ValidationErrorBuildItem(new DeploymentException("[Warden] " + message));
    }
}
