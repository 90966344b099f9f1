package dev.warden.redteam;

import dev.warden.samples.banking.BankingAssistant;
import dev.warden.samples.banking.BankingEnvironment;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fresh banking world per run: the sample's own {@code banking/environment.yaml} with the scenario's overrides
 * deep-merged on top (a key ending in {@code +} appends to a list instead of replacing it), the injection placeholder
 * filled in, written to a temporary file and loaded by the sample's real {@link BankingAssistant}, so the tools and
 * their governance annotations are exactly the shipped ones.
 */
final class BankingWorld {
    /** Environment key naming another base environment on the classpath (the AgentDojo suite's) instead of the sample's. */
    static final String BASE = "_base";

    final BankingAssistant assistant;
    /** The state before the run, loaded separately from the same file. */
    final BankingEnvironment initial;

    private BankingWorld(BankingAssistant assistant, BankingEnvironment initial) {
        this.assistant = assistant;
        this.initial = initial;
    }

    /** The account of the customer the runs act for (each customer has an own copy of the environment file). */
    BankingEnvironment env() {
        return assistant.environment(BankingTarget.USER.tenant(), BankingTarget.USER.id());
    }

    static BankingWorld create(Scenario s, String injectionText) {
        Map<String, Object> over = new LinkedHashMap<>(s.environment());
        Object baseName = over.remove(BASE);
        Map<String, Object> tree = merge(AgentDojoData.read(baseName == null ? "banking/environment.yaml"
                : String.valueOf(baseName)), over);
        String location = AgentDojoData.environmentFile(s.id(), ScenarioText.fill(tree, injectionText));
        return new BankingWorld(construct(location), BankingEnvironment.load(location));
    }

    // The sample's constructor is package-private (CDI injects the config value); the harness calls it reflectively
    // rather than copying the tools, so it red-teams the shipped descriptors.
    private static BankingAssistant construct(String location) {
        try {
            Constructor<BankingAssistant> c = BankingAssistant.class.getDeclaredConstructor(String.class);
            c.setAccessible(true);
            return c.newInstance(location);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create the banking sample's assistant over " + location, e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        over.forEach((key, value) -> {
            if (key.endsWith("+")) {
                String k = key.substring(0, key.length() - 1);
                List<Object> list = new ArrayList<>(out.get(k) instanceof List<?> l ? (List<Object>) l : List.of());
                list.addAll(value instanceof List<?> l ? l : List.of(value));
                out.put(k, list);
            } else if (value instanceof Map<?, ?> m && out.get(key) instanceof Map<?, ?> b) {
                out.put(key, merge((Map<String, Object>) b, (Map<String, Object>) m));
            } else {
                out.put(key, value);
            }
        });
        return out;
    }

}
