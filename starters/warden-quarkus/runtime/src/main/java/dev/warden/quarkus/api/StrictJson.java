package dev.warden.quarkus.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * Field deserializers of the REST API's request bodies that take exactly the JSON type the field documents. Jackson's
 * default coerces scalars ({@code "approve": 1} or {@code "approve": "true"} became an approval, {@code "input": 5}
 * the text {@code "5"}); a decision on a held action must be an explicit JSON boolean, so anything else is refused as
 * a malformed body ({@code WARDEN-API-0004}, naming the field) and decides nothing. JSON {@code null} stays "absent"
 * and is checked by each resource.
 *
 * <pre>{@code
 * public record ApprovalDecision(@JsonDeserialize(using = StrictJson.Bool.class) Boolean approve, ...) {}
 * }</pre>
 */
public final class StrictJson {
    private StrictJson() {}

    /** Only JSON {@code true} or {@code false}. */
    public static final class Bool extends StdDeserializer<Boolean> {
        public Bool() {
            super(Boolean.class);
        }

        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                return t == JsonToken.VALUE_TRUE;
            }
            return (Boolean) ctxt.handleUnexpectedToken(Boolean.class, p);
        }
    }

    /** Only a JSON string. */
    public static final class Text extends StdDeserializer<String> {
        public Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            return (String) ctxt.handleUnexpectedToken(String.class, p);
        }
    }
}
