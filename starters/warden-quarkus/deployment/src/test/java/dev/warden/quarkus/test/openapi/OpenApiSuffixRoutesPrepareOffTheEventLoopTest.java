package dev.warden.quarkus.test.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import dev.warden.quarkus.runtime.DeferredOpenApiDocuments;
import dev.warden.quarkus.test.TellerAgent;
import dev.warden.quarkus.test.TellerModel;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Decision 0063: SmallRye OpenAPI's {@code .json}, {@code .yaml} and {@code .yml} routes are not blocking; a first
 * request there must not prepare the deferred document on the event loop.
 */
class OpenApiSuffixRoutesPrepareOffTheEventLoopTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TellerAgent.class, TellerModel.class)
                    .addAsResource("policies/teller.yaml"))
            .overrideConfigKey("warden.policy.locations", "classpath:policies/teller.yaml")
            .overrideConfigKey("warden.audit.store", "memory")
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Test
    void a_first_request_on_a_suffix_route_prepares_the_document_on_a_worker() {
        assertThat(DeferredOpenApiDocuments.pendingCount()).as("documents not prepared at start").isEqualTo(1);

        given().get("/q/openapi.json").then().statusCode(200)
                .body(startsWith("{"), containsString("/v1/agents/{agentId}/runs"));
        assertThat(DeferredOpenApiDocuments.pendingCount()).isZero();
        assertThat(DeferredOpenApiDocuments.preparedOnEventLoop()).as("preparations on an event-loop thread").isZero();
        given().get("/q/openapi.yaml").then().statusCode(200).body(containsString("openapi: "));
        given().get("/q/openapi.yml").then().statusCode(200).body(containsString("openapi: "));
    }
}
