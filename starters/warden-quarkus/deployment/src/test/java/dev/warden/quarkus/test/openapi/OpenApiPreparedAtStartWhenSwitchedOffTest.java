package dev.warden.quarkus.test.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.warden.quarkus.runtime.DeferredOpenApiDocuments;
import dev.warden.quarkus.test.TellerAgent;
import dev.warden.quarkus.test.TellerModel;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Decision 0063: {@code warden.openapi.prepare-on-first-request=false} leaves Quarkus' OpenAPI service as shipped —
 * the document is prepared at start, nothing waits for a first request.
 */
class OpenApiPreparedAtStartWhenSwitchedOffTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TellerAgent.class, TellerModel.class)
                    .addAsResource("policies/teller.yaml"))
            .overrideConfigKey("warden.policy.locations", "classpath:policies/teller.yaml")
            .overrideConfigKey("warden.audit.store", "memory")
            .overrideConfigKey("warden.openapi.prepare-on-first-request", "false")
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Test
    void document_is_prepared_at_start_and_served() {
        assertThat(DeferredOpenApiDocuments.pendingCount()).as("nothing deferred").isZero();
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/v1/agents/{agentId}/runs"));
    }
}
