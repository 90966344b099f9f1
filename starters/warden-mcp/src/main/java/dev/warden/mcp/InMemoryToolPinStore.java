package dev.warden.mcp;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link ToolPinStore} in memory; lost on restart. Thread-safe. */
public final class InMemoryToolPinStore implements ToolPinStore {
    private final ConcurrentMap<String, ToolPin> pins = new ConcurrentHashMap<>();

    @Override
    public Optional<ToolPin> find(String serverId, String toolName) {
        return Optional.ofNullable(pins.get(ToolPin.key(serverId, toolName)));
    }

    @Override
    public void save(ToolPin pin) {
        pins.put(pin.key(), pin);
    }

    @Override
    public void revoke(String serverId, String toolName) {
        pins.remove(ToolPin.key(serverId, toolName));
    }

    @Override
    public List<ToolPin> all() {
        return List.copyOf(pins.values());
    }
}
