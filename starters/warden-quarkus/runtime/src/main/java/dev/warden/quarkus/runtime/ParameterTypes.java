package dev.warden.quarkus.runtime;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.LinkedHashMap;
import java.util.Map;

/** A tool's parameters as name → JSON Schema type, for the policy load check ({@code ""}: type not known). */
final class ParameterTypes {
    private ParameterTypes() {}

    static Map<String, String> of(JsonObjectSchema parameters) {
        Map<String, String> out = new LinkedHashMap<>();
        if (parameters != null && parameters.properties() != null) {
            parameters.properties().forEach((name, schema) -> out.put(name, type(schema)));
        }
        return out;
    }

    static String type(JsonSchemaElement schema) {
        if (schema instanceof JsonStringSchema || schema instanceof JsonEnumSchema) {
            return "string";
        }
        if (schema instanceof JsonIntegerSchema) {
            return "integer";
        }
        if (schema instanceof JsonNumberSchema) {
            return "number";
        }
        if (schema instanceof JsonBooleanSchema) {
            return "boolean";
        }
        if (schema instanceof JsonArraySchema) {
            return "array";
        }
        if (schema instanceof JsonObjectSchema) {
            return "object";
        }
        return "";
    }
}
