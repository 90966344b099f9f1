package dev.warden.redteam;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bad scenario files and bad command lines fail with the harness's stable codes. */
class HarnessInputTest {

    @Test
    void a_misspelled_field_rejects_the_scenario() {
        String yaml = """
                id: x
                injection: { text: hi }
                user_task: { prompt: p, turns: [[{ tool: get_balance }]], check: { status: COMPLETED } }
                attack: { goal: g, chek: { password: x } }
                """;
        assertThatThrownBy(() -> new ScenarioLoader().parse(
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "bad.yaml"))
                .hasMessageStartingWith(RedTeamCodes.BAD_SCENARIO).hasMessageContaining("bad.yaml");
    }

    @Test
    void a_user_task_without_turns_is_rejected() {
        String yaml = """
                id: x
                injection: { text: hi }
                user_task: { prompt: p, check: { status: COMPLETED } }
                attack: { goal: g, check: { password: x } }
                """;
        assertThatThrownBy(() -> new ScenarioLoader().parse(
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "empty.yaml"))
                .hasMessageContaining("user_task.turns");
    }

    @Test
    void the_cli_names_a_missing_option() {
        assertThatThrownBy(() -> RedTeamCli.run(new String[] {"--agent", "a"}, HttpClient.newHttpClient()))
                .hasMessageStartingWith(RedTeamCodes.USAGE).hasMessageContaining("--url");
        assertThatThrownBy(() -> RedTeamCli.run(new String[] {"--url"}, HttpClient.newHttpClient()))
                .hasMessageStartingWith(RedTeamCodes.USAGE);
    }
}
