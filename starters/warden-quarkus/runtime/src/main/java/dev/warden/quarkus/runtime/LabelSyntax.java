package dev.warden.quarkus.runtime;

import dev.warden.core.Confidentiality;
import dev.warden.core.Labels;
import java.util.Arrays;
import java.util.Locale;

/** Parses {@code LEVEL} or {@code LEVEL/CAT1,CAT2} from configuration; a bad value names the key and the syntax. */
final class LabelSyntax {
    private LabelSyntax() {}

    static Labels parse(String key, String value) {
        String[] parts = value.trim().split("/", 2);
        Confidentiality level;
        try {
            level = Confidentiality.valueOf(parts[0].trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": '" + value + "' must be LEVEL or LEVEL/CAT1,CAT2 with LEVEL one of "
                    + Arrays.toString(Confidentiality.values()));
        }
        if (parts.length == 1 || parts[1].isBlank()) {
            return Labels.of(level);
        }
        return Labels.of(level, Arrays.stream(parts[1].split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toList());
    }

    static <E extends Enum<E>> E option(String key, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": '" + value + "' is not one of "
                    + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                            .toList());
        }
    }
}
