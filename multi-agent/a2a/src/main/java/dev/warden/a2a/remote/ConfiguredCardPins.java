package dev.warden.a2a.remote;

import dev.warden.a2a.A2aCodes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Pins fixed by configuration in front of a store of approved pins. A configured pin is what the operator wrote: it is
 * never written to the store, the API cannot replace it ({@link #fixed}), and it does not overwrite what the store
 * holds. A store pin of the same agent with another digest is refused at construction
 * ({@link A2aCodes#PIN_CONFLICT}): otherwise a card re-approved through the API would silently revert to the
 * configured digest at every start (or the other way round), and nobody would know which card is trusted.
 */
public final class ConfiguredCardPins implements CardPins {
    private final Map<String, CardPin> configured = new TreeMap<>();
    private final CardPins store;

    /**
     * @param configured agent id → SHA-256 of its approved card, from configuration
     * @throws IllegalStateException ({@link A2aCodes#PIN_CONFLICT}) when {@code store} pins one of them differently
     */
    public ConfiguredCardPins(Map<String, String> configured, CardPins store, Instant loadedAt) {
        this.store = store;
        List<String> conflicts = new ArrayList<>();
        configured.forEach((agent, sha) -> {
            String digest = sha.trim().toLowerCase(Locale.ROOT);
            this.configured.put(agent, new CardPin(agent, digest, "config", loadedAt));
            store.find(agent).filter(p -> !p.sha256().equals(digest)).ifPresent(p -> conflicts.add(agent
                    + ": configured " + digest + ", stored " + p.sha256() + " (approved by " + p.approvedBy() + " at "
                    + p.approvedAt() + ")"));
        });
        if (!conflicts.isEmpty()) {
            throw new IllegalStateException(A2aCodes.PIN_CONFLICT + ": the configured A2A card pins disagree with the "
                    + "pins file — " + String.join("; ", conflicts) + ". Keep one: remove the card-sha256 setting or "
                    + "the agent's entry in the pins file.");
        }
    }

    @Override
    public Optional<CardPin> find(String agentId) {
        CardPin c = configured.get(agentId);
        return c != null ? Optional.of(c) : store.find(agentId);
    }

    /** @throws IllegalStateException when the agent's pin is fixed by configuration */
    @Override
    public void save(CardPin pin) {
        if (fixed(pin.agentId())) {
            throw new IllegalStateException(A2aCodes.PINNED_BY_CONFIGURATION + ": the card pin of '" + pin.agentId()
                    + "' is set in configuration");
        }
        store.save(pin);
    }

    @Override
    public boolean fixed(String agentId) {
        return configured.containsKey(agentId);
    }

    @Override
    public List<CardPin> all() {
        Map<String, CardPin> all = new TreeMap<>();
        store.all().forEach(p -> all.put(p.agentId(), p));
        all.putAll(configured);
        return List.copyOf(all.values());
    }
}
