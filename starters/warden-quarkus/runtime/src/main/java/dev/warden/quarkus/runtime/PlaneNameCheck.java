package dev.warden.quarkus.runtime;

import dev.warden.spi.PolicyPlane;
import io.quarkus.arc.All;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stops the start when two plane beans share a name: decisions, audit records and {@code plane:} rules name planes,
 * so two with one name would make every one of them ambiguous. Names are values a plane returns at run time, so this
 * is checked as the application starts (the build checks that every plane class is a bean).
 */
public class PlaneNameCheck {

    void check(@Observes @Priority(1) StartupEvent event, @All List<InstanceHandle<PolicyPlane>> planes) {
        Map<String, List<String>> byName = new TreeMap<>();
        for (InstanceHandle<PolicyPlane> h : planes) {
            byName.computeIfAbsent(h.get().name(), k -> new ArrayList<>())
                    .add(h.getBean().getImplementationClass().getName());
        }
        List<String> clashes = new ArrayList<>();
        byName.forEach((name, classes) -> {
            if (classes.size() > 1) {
                clashes.add("two policy planes are named '" + name + "': " + String.join(" and ", classes));
            }
        });
        if (!clashes.isEmpty()) {
            throw new DeploymentException("[Warden] " + String.join("; ", clashes) + " (a plane's name must be "
                    + "unique: rename one, or leave a built-in plane out with warden.planes.<name>.enabled=false)");
        }
    }
}
