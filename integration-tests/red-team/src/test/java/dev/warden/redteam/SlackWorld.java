package dev.warden.redteam;

import dev.warden.samples.slack.SlackAssistant;
import dev.warden.samples.slack.SlackEnvironment;
import java.lang.reflect.Constructor;

/**
 * A fresh Slack world per run: the suite's environment with the injection placeholder filled in, written to a
 * temporary file and loaded by the sample's real {@link SlackAssistant} through its {@code slack.environment}
 * constructor, so the tools and their governance annotations are exactly the shipped ones.
 */
final class SlackWorld {

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
        String location = AgentDojoData.environmentFile(scenarioId,
                ScenarioText.fill(AgentDojoData.read(environment), injectionText));
        return new SlackWorld(construct(location), SlackEnvironment.load(location));
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
}
