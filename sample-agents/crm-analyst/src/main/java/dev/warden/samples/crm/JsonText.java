package dev.warden.samples.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Tool results are JSON, so the data-flow plane can label them by field name (e.g. {@code ssn}). */
final class JsonText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonText() {}

    static String of(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a tool result as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
