package dev.warden.quarkus.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.lang.reflect.Type;
import java.util.function.BiFunction;

/**
 * How Warden's REST endpoints read their JSON bodies (decision 0056): with the application's {@code ObjectMapper},
 * but a key that appears twice in one object ({@code {"approve":false,"approve":true}}) and anything after the body's
 * value are a malformed body ({@code WARDEN-API-0004}), never "the last key wins". Jackson would keep the last value
 * while a proxy, a WAF or a request log reading the first one saw a denial.
 *
 * <p>Applied per resource method with {@code @CustomDeserialization(StrictBodies.class)}, so an application's own
 * endpoints keep whatever its {@code ObjectMapper} does:
 *
 * <pre>{@code
 * @POST @CustomDeserialization(StrictBodies.class)
 * public Object decide(@PathParam("approvalId") String id, ApprovalDecision body) { ... }
 * }</pre>
 */
public final class StrictBodies implements BiFunction<ObjectMapper, Type, ObjectReader> {
    @Override
    public ObjectReader apply(ObjectMapper mapper, Type type) {
        return mapper.readerFor(mapper.constructType(type))
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
