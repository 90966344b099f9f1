package dev.warden.quarkus.test.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.warden.quarkus.runtime.DeferredOpenApiDocuments;
import dev.warden.quarkus.test.TellerAgent;
import dev.warden.quarkus.test.TellerModel;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Decision 0063: the OpenAPI document is not prepared at start but on the first {@code /q/openapi} request, and is
 * then served as JSON and YAML as before.
 */
class OpenApiPreparedOnFirstRequestTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TellerAgent.class, TellerModel.class)
                    .addAsResource("policies/teller.yaml"))
            .overrideConfigKey("warden.policy.locations", "classpath:policies/teller.yaml")
            .overrideConfigKey("warden.audit.store", "memory")
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Test
    void document_waits_for_its_first_request_and_is_served_as_json_and_yaml() {
        assertThat(DeferredOpenApiDocuments.pendingCount()).as("documents not prepared at start").isEqualTo(1);

        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(startsWith("{"), containsString("\"openapi\""), containsString("/v1/agents/{agentId}/runs"));
        assertThat(DeferredOpenApiDocuments.pendingCount()).isZero();
        given().get("/q/openapi?format=yaml").then().statusCode(200)
                .body(not(startsWith("{")), containsString("openapi: "), containsString("/v1/agents/{agentId}/runs"));
        given().get("/q/openapi?format=json").then().statusCode(200).body(containsString("\"paths\""));
    }
}
