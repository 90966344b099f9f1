package dev.warden.redteam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.warden.samples.slack.SlackAssistant;
import dev.warden.samples.slack.SlackEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fresh Slack world per run: the suite's environment with the injection placeholder filled in, written to a
 * temporary file and loaded by the sample's real {@link SlackAssistant} through its {@code slack.environment}
 * constructor, so the tools and their governance annotations are exactly the shipped ones.
 */
final class SlackWorld {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    final SlackAssistant assistant;
    /** The state before the run, loaded separately from the same file. */
    final SlackEnvironment initial;

    private SlackWorld(SlackAssistant assistant, SlackEnvironment initial) {
        this.assistant = assistant;
        this.initial = initial;
    }

    /** The workspace of the requester the runs act for. */
    SlackEnvironment env() {
        return assistant.environment(SlackTarget.USER.tenant(), SlackTarget.USER.id());
    }

    static SlackWorld create(String environment, String scenarioId, String injectionText) {
        Object filled = ScenarioText.fill(base(environment), injectionText);
        try {
            Path file = Files.createTempFile("red-team-" + scenarioId, ".yaml");
            file.toFile().deleteOnExit();
            YAML.writeValue(file.toFile(), filled);
            String location = "file:" + file;
            return new SlackWorld(construct(location), SlackEnvironment.load(location));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // The sample's constructor is package-private (CDI injects the config value); called reflectively rather than
    // copying the tools, so the harness red-teams the shipped descriptors.
    private static SlackAssistant construct(String location) {
        try {
            Constructor<SlackAssistant> c = SlackAssistant.class.getDeclaredConstructor(String.class);
            c.setAccessible(true);
            return c.newInstance(location);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create the slack sample's assistant over " + location, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> base(String resource) {
        try (InputStream in = SlackWorld.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the environment " + resource + " is not on the classpath");
            }
            return YAML.readValue(in, LinkedHashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
