package dev.warden.e2e;

import static io.restassured.RestAssured.given;

import dev.langchain4j.model.chat.ChatModel;
import dev.warden.test.stub.OpenAiCompatibleStub;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A packaged sample as the outside evaluation runs it: demo profile, {@code WARDEN_MODEL=provider} with
 * {@code OPENAI_BASE_URL} pointed at a local OpenAI-compatible server driven by an attacker-controlled model, its world
 * copied from a test resource into {@code target/<work>/environment.yaml}, its audit trail under the same directory.
 */
final class ProviderSeamSample implements AutoCloseable {
    final OpenAiCompatibleStub provider;
    final SampleProcess sample;
    final RequestSpecification api;

    private ProviderSeamSample(OpenAiCompatibleStub provider, SampleProcess sample) {
        this.provider = provider;
        this.sample = sample;
        this.api = new RequestSpecBuilder().setBaseUri(sample.baseUri()).build();
    }

    /** How the sample is told where its world is: a JVM option or an environment variable naming {@code file:…}. */
    record World(String resource, String systemProperty, String environmentVariable) {}

    static ProviderSeamSample start(Path jar, String work, World world, ChatModel attacker) throws Exception {
        OpenAiCompatibleStub provider = new OpenAiCompatibleStub(attacker);
        try {
            Path dir = Path.of("target", work).toAbsolutePath();
            Files.createDirectories(dir);
            Path file = dir.resolve("environment.yaml");
            try (InputStream in = ProviderSeamSample.class.getResourceAsStream(world.resource())) {
                if (in == null) {
                    throw new IOException("test resource " + world.resource() + " is missing");
                }
                Files.write(file, in.readAllBytes());
            }
            List<String> jvm = new ArrayList<>(List.of("-Dquarkus.profile=demo",
                    "-Dwarden.audit.jsonl.path=" + dir.resolve("audit/decisions.jsonl")));
            Map<String, String> env = new HashMap<>(Map.of("WARDEN_MODEL", "provider", "OPENAI_BASE_URL",
                    provider.baseUrl(), "OPENAI_API_KEY", "none"));
            if (world.systemProperty() != null) {
                jvm.add("-D" + world.systemProperty() + "=file:" + file);
            }
            if (world.environmentVariable() != null) {
                env.put(world.environmentVariable(), "file:" + file);
            }
            return new ProviderSeamSample(provider, new SampleProcess(jar, dir, jvm, env));
        } catch (Exception | Error e) {
            provider.close();
            throw e;
        }
    }

    /** A dev token of the demo profile for {@code user}. */
    String token(String user) {
        return given(api).get("/v1/dev/tokens/" + user).then().statusCode(200).extract().path("token");
    }

    @Override
    public void close() throws Exception {
        try {
            sample.close();
        } finally {
            provider.close();
        }
    }
}
