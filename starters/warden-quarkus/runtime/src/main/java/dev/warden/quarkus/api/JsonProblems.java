package dev.warden.quarkus.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.stream.Collectors;

/**
 * The detail of a {@code WARDEN-API-0004} for a body Jackson could not read: the field path and the position, in
 * words of the wire format. Jackson's own message is never passed on: it names Java types ({@code Dtos$RunRequest},
 * {@code java.lang.String}) and echoes input.
 */
final class JsonProblems {
    private JsonProblems() {}

    static String describe(JsonProcessingException e) {
        String where = where(e.getLocation());
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof JsonParseException && original.startsWith("Duplicate field")) {
            // StrictBodies: the key is not echoed (it is input); the position says where
            return "request body has a key twice in one JSON object" + where;
        }
        if (e instanceof JsonParseException) {
            return "request body is not valid JSON" + where;
        }
        if (e instanceof JsonMappingException m) {
            String path = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            if (path.isEmpty() && original.startsWith("Trailing token")) {
                return "request body has more after its JSON value" + where;
            }
            String what = e instanceof MismatchedInputException ? "has the wrong type or shape" : "cannot be read";
            return path.isEmpty() ? "request body does not have the expected shape (a JSON object)" + where
                    : "field '" + path + "' " + what + where;
        }
        return "request body cannot be read" + where;
    }

    private static String where(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
}
