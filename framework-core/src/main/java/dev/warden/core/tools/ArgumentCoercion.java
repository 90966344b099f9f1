package dev.warden.core.tools;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a number or a truth value that a model sent as a JSON string ({@code "3"}, {@code "12.50"}, {@code "true"})
 * as the type the tool's schema declares, before the schema check, the planes and the tool see it (S12-8). Hosted
 * models often quote numbers; refusing them costs a retry or the task, and a plain LangChain4j tool executor accepts
 * them too.
 *
 * <p>Only one canonical spelling is read: ASCII digits, an optional leading minus, no leading zeros, no sign, blank,
 * exponent, hexadecimal or full-width digits, at most 18 integer and 18 fraction digits; {@code true} and
 * {@code false} in lower case. Anything else stays a string and the schema check refuses it as before. Values under
 * {@code anyOf} are left alone (which alternative was meant is not knowable). The value every checkpoint, the audit
 * and the tool see is the converted one, so no party reads "3" where another reads 3.
 */
final class ArgumentCoercion {
    private static final Pattern INTEGER = Pattern.compile("-?(?:0|[1-9][0-9]{0,17})");
    private static final Pattern DECIMAL = Pattern.compile("-?(?:0|[1-9][0-9]{0,17})\\.[0-9]{1,18}");
    private static final int MAX_DEPTH = 32;

    private ArgumentCoercion() {}

    /** The arguments with quoted numbers and truth values read as the schema's types; the same map if none was. */
    static Map<String, Object> coerce(JsonObjectSchema schema, Map<String, Object> arguments) {
        if (schema == null || arguments.isEmpty()) {
            return arguments;
        }
        Object result = object(schema, arguments, 0);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) result;
        return map;
    }

    private static Object value(JsonSchemaElement s, Object v, int depth) {
        if (v == null || depth > MAX_DEPTH) {
            return v;
        }
        if (v instanceof String str) {
            if ((s instanceof JsonIntegerSchema || s instanceof JsonNumberSchema) && INTEGER.matcher(str).matches()) {
                long n = Long.parseLong(str);
                return n == (int) n ? (Object) (int) n : (Object) n;
            }
            if (s instanceof JsonNumberSchema && DECIMAL.matcher(str).matches()) {
                return new BigDecimal(str).doubleValue();
            }
            if (s instanceof JsonBooleanSchema && (str.equals("true") || str.equals("false"))) {
                return Boolean.valueOf(str);
            }
            return v;
        }
        if (s instanceof JsonArraySchema a && a.items() != null && v instanceof List<?> list) {
            List<Object> out = null;
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                Object read = value(a.items(), item, depth + 1);
                if (read != item && out == null) {
                    out = new ArrayList<>(list);
                }
                if (out != null) {
                    out.set(i, read);
                }
            }
            return out == null ? v : out;
        }
        if (s instanceof JsonObjectSchema o && v instanceof Map<?, ?> map) {
            return object(o, map, depth + 1);
        }
        return v;
    }

    private static Object object(JsonObjectSchema o, Map<?, ?> map, int depth) {
        Map<String, JsonSchemaElement> props = o.properties() == null ? Map.of() : o.properties();
        Map<String, Object> out = null;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            JsonSchemaElement ps = e.getKey() instanceof String k ? props.get(k) : null;
            Object read = ps == null ? e.getValue() : value(ps, e.getValue(), depth);
            if (read != e.getValue() && out == null) {
                out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> before : map.entrySet()) {
                    out.put(String.valueOf(before.getKey()), before.getValue());
                }
            }
            if (out != null) {
                out.put(String.valueOf(e.getKey()), read);
            }
        }
        return out == null ? map : out;
    }
}
