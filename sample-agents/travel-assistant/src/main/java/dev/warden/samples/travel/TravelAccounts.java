package dev.warden.samples.travel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.invocation.InvocationParameters;
import dev.warden.core.Principal;
import dev.warden.core.tools.ToolCaller;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every traveller's own world: the state is kept per (tenant, user) of the run's verified principal (Warden hands it
 * to each tool through {@link ToolCaller}) and starts as a copy of the environment file ({@code travel.environment}).
 * A call without a principal (outside Warden's executor) gets no world. The tool beans share this one instance and
 * synchronise on it.
 */
@Singleton
public class TravelAccounts {
    static final String NO_CALLER = "refused: no verified caller for this traveller";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TravelEnvironment seed;
    private final Map<String, TravelEnvironment> travellers = new HashMap<>();

    TravelAccounts(@ConfigProperty(name = "travel.environment", defaultValue = "classpath:travel/environment.yaml")
            String location) {
        this.seed = TravelEnvironment.load(location);
    }

    /** For harnesses that run the tools outside CDI: the worlds of one environment file. */
    public static TravelAccounts of(String location) {
        return new TravelAccounts(location);
    }

    /** The current state of one traveller's world (a fresh copy of the environment file if they have none yet). */
    public synchronized TravelEnvironment environment(String tenant, String user) {
        return travellers.computeIfAbsent(tenant + "\u0000" + user, k -> seed.copy());
    }

    /** The world of the environment file itself, as loaded (never changed by the tools). */
    public TravelEnvironment seed() {
        return seed;
    }

    /** The calling traveller's world, or {@code null} when the call carries no verified principal. */
    TravelEnvironment of(InvocationParameters call) {
        return ToolCaller.principal(call).map(p -> environment(p.tenant(), p.id())).orElse(null);
    }

    /** The default tenant's world of {@code user}. */
    public TravelEnvironment environment(String user) {
        return environment(Principal.DEFAULT_TENANT, user);
    }

    /** JSON written by Jackson, so text from outside (a review) can never forge an item or a field. */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
