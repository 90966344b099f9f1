package dev.warden.a2a.remote;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where approved A2A agent cards are kept. Implementations are thread-safe; {@link #inMemory()} serves tests and
 * single-process use, {@link FileCardPins} survives restarts.
 */
public interface CardPins {
    Optional<CardPin> find(String agentId);

    /** Stores or replaces the pin of its agent. */
    void save(CardPin pin);

    List<CardPin> all();

    /** Whether the agent's pin is fixed (by configuration) and may not be replaced through {@link #save}. */
    default boolean fixed(String agentId) {
        return false;
    }

    static CardPins inMemory() {
        ConcurrentHashMap<String, CardPin> pins = new ConcurrentHashMap<>();
        return new CardPins() {
            @Override
            public Optional<CardPin> find(String agentId) {
                return Optional.ofNullable(pins.get(agentId));
            }

            @Override
            public void save(CardPin pin) {
                pins.put(pin.agentId(), pin);
            }

            @Override
            public List<CardPin> all() {
                return List.copyOf(pins.values());
            }
        };
    }
}
