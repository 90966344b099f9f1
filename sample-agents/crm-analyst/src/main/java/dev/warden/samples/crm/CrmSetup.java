package dev.warden.samples.crm;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Loads the environment named by {@code crm.environment} once; the database and the mail tools start from it. */
public class CrmSetup {
    @Produces
    @Singleton
    CrmEnvironment environment(
            @ConfigProperty(name = "crm.environment", defaultValue = "classpath:crm/environment.yaml") String location) {
        return CrmEnvironment.load(location);
    }
}
