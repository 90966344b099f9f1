package dev.warden.core.tools;

import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validates parsed tool arguments against the tool's LangChain4j JSON schema: required properties, no unknown
 * properties, types, enum values, nested objects and arrays. Returns the first violation as a message the model can
 * act on. Schema constructs it does not know (references, raw schemas) are accepted: the tool's own argument binding
 * still rejects what it cannot bind.
 */
public final class ArgumentSchemaValidator {
    private static final int MAX_DEPTH = 32;

    private ArgumentSchemaValidator() {}

    public static Optional<String> validate(JsonObjectSchema schema, Map<String, Object> arguments) {
        if (schema == null) {
            return arguments.isEmpty() ? Optional.empty() : Optional.of("the tool takes no arguments");
        }
        return Optional.ofNullable(object(schema, arguments, "", 0));
    }

    private static String check(JsonSchemaElement s, Object v, String path, int depth) {
        if (depth > MAX_DEPTH) {
            return path + ": nested too deeply";
        }
        if (s instanceof JsonStringSchema) {
            return v instanceof String ? null : path + ": expected a string";
        }
        if (s instanceof JsonIntegerSchema) {
            return isInteger(v) ? null : path + ": expected an integer";
        }
        if (s instanceof JsonNumberSchema) {
            return v instanceof Number ? null : path + ": expected a number";
        }
        if (s instanceof JsonBooleanSchema) {
            return v instanceof Boolean ? null : path + ": expected true or false";
        }
        if (s instanceof JsonNullSchema) {
            return v == null ? null : path + ": expected null";
        }
        if (s instanceof JsonEnumSchema e) {
            return v instanceof String str && e.enumValues().contains(str) ? null
                    : path + ": expected one of " + e.enumValues();
        }
        if (s instanceof JsonArraySchema a) {
            if (!(v instanceof List<?> list)) {
                return path + ": expected an array";
            }
            for (int i = 0; i < list.size(); i++) {
                String err = a.items() == null ? null : check(a.items(), list.get(i), path + "[" + i + "]", depth + 1);
                if (err != null) {
                    return err;
                }
            }
            return null;
        }
        if (s instanceof JsonObjectSchema o) {
            if (!(v instanceof Map<?, ?> m)) {
                return path + ": expected an object";
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) m;
            return object(o, map, path, depth + 1);
        }
        if (s instanceof JsonAnyOfSchema any) {
            for (JsonSchemaElement alt : any.anyOf()) {
                if (check(alt, v, path, depth + 1) == null) {
                    return null;
                }
            }
            return path + ": matches none of the allowed shapes";
        }
        return null;
    }

    private static String object(JsonObjectSchema o, Map<String, Object> map, String path, int depth) {
        String prefix = path.isEmpty() ? "" : path + ".";
        if (o.required() != null) {
            for (String r : o.required()) {
                if (!map.containsKey(r) || map.get(r) == null) {
                    return prefix + r + ": required argument is missing";
                }
            }
        }
        Map<String, JsonSchemaElement> props = o.properties() == null ? Map.of() : o.properties();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            JsonSchemaElement ps = props.get(e.getKey());
            if (ps == null) {
                if (!Boolean.TRUE.equals(o.additionalProperties())) {
                    return prefix + e.getKey() + ": unknown argument";
                }
                continue;
            }
            if (e.getValue() == null) {
                continue; // optional argument explicitly null
            }
            String err = check(ps, e.getValue(), prefix + e.getKey(), depth);
            if (err != null) {
                return err;
            }
        }
        return null;
    }

    private static boolean isInteger(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof BigInteger) {
            return true;
        }
        if (v instanceof Double d) {
            return !d.isInfinite() && d == Math.rint(d);
        }
        if (v instanceof BigDecimal bd) {
            return bd.stripTrailingZeros().scale() <= 0;
        }
        return false;
    }
}
