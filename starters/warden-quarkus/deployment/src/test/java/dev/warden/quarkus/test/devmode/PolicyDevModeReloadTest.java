package dev.warden.quarkus.test.devmode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.quarkus.test.TellerAgent;
import dev.warden.quarkus.test.TellerModel;
import io.quarkus.test.QuarkusDevModeTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.function.Predicate;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * In dev mode an edit of a {@code classpath:} policy reaches the running application without a restart; a broken edit
 * is rejected with file/line/rule and the last good rule keeps being enforced (docs/decisions/0005).
 */
class PolicyDevModeReloadTest {
    static final String PROPERTIES = """
            warden.policy.locations=classpath:policies/teller.yaml
            warden.policy.reload-interval=100ms
            warden.audit.store=memory
            mp.jwt.verify.publickey.location=dev-keys/test-only-public.pem
            mp.jwt.verify.issuer=https://warden.dev/dev
            smallrye.jwt.sign.key.location=dev-keys/test-only-private.pem
            quarkus.otel.sdk.disabled=true
            quarkus.devservices.enabled=false
            """;

    @RegisterExtension
    static final QuarkusDevModeTest DEV = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(TellerAgent.class, TellerModel.class, PolicyProbe.class)
                    .addAsResource("policies/teller.yaml")
                    .addAsResource("dev-keys/test-only-public.pem")
                    .addAsResource("dev-keys/test-only-private.pem")
                    .addAsResource(new StringAsset(PROPERTIES), "application.properties"));

    private static String transferTo(String iban) {
        return RestAssured.get("/probe/transfer?to=" + iban).then().statusCode(200).extract().asString();
    }

    /** Asks until {@code expected} holds: each request also lets dev mode look for changed files. */
    private static String await(String path, Predicate<String> expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            last = RestAssured.get(path).then().statusCode(200).extract().asString();
            if (expected.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(path + " never matched; last answer: " + last);
    }

    @Test
    void policy_edit_applies_live_and_a_broken_edit_keeps_the_last_good_rule() throws InterruptedException {
        assertThat(transferTo("KP0000")).contains("no-sanctioned-destinations");
        assertThat(transferTo("XX0000")).doesNotContain("no-sanctioned-destinations");

        DEV.modifyResourceFile("policies/teller.yaml", s -> s.replace("startsWith(\"KP\")", "startsWith(\"XX\")"));
        await("/probe/transfer?to=XX0000", d -> d.contains("no-sanctioned-destinations"));
        assertThat(transferTo("KP0000")).doesNotContain("no-sanctioned-destinations");

        DEV.modifyResourceFile("policies/teller.yaml",
                s -> s.replace("startsWith(\"XX\")", "startsWith(\"XX\") && undeclared_flag"));
        String rejected = await("/probe/rejected", r -> r.contains("undeclared_flag"));
        assertThat(rejected).contains("teller.yaml:").contains("rule no-sanctioned-destinations");
        assertThat(transferTo("XX0000")).contains("no-sanctioned-destinations");

        DEV.modifyResourceFile("policies/teller.yaml", s -> "");
        await("/probe/rejected", r -> !r.contains("undeclared_flag") && !r.equals("[]"));
        assertThat(transferTo("XX0000")).contains("no-sanctioned-destinations");
    }
}
