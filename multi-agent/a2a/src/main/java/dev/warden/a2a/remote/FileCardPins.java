package dev.warden.a2a.remote;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link CardPins} in one JSON file, rewritten atomically (temp file + move) on every change. A file that cannot be
 * read fails {@link #open} rather than starting with no pins. Thread-safe within one process.
 */
public final class FileCardPins implements CardPins {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final TypeReference<List<PinJson>> PINS = new TypeReference<>() {};

    /** File format; {@code approvedAt} in ISO-8601. */
    record PinJson(String agentId, String sha256, String approvedBy, String approvedAt) {}

    private final Path file;
    private final Map<String, CardPin> pins = new LinkedHashMap<>();

    private FileCardPins(Path file) {
        this.file = file;
    }

    public static FileCardPins open(Path file) {
        FileCardPins store = new FileCardPins(file);
        if (Files.exists(file)) {
            try {
                for (PinJson j : JSON.readValue(file.toFile(), PINS)) {
                    store.pins.put(j.agentId(), new CardPin(j.agentId(), j.sha256(), j.approvedBy(),
                            Instant.parse(j.approvedAt())));
                }
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("cannot read A2A card pin file " + file + ": " + e.getMessage(), e);
            }
        }
        return store;
    }

    @Override
    public synchronized Optional<CardPin> find(String agentId) {
        return Optional.ofNullable(pins.get(agentId));
    }

    @Override
    public synchronized void save(CardPin pin) {
        pins.put(pin.agentId(), pin);
        List<PinJson> out = new ArrayList<>();
        pins.values().forEach(p -> out.add(new PinJson(p.agentId(), p.sha256(), p.approvedBy(),
                p.approvedAt().toString())));
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            JSON.writeValue(tmp.toFile(), out);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write A2A card pin file " + file, e);
        }
    }

    @Override
    public synchronized List<CardPin> all() {
        return List.copyOf(pins.values());
    }
}
