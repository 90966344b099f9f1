package dev.warden.redteam;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Red-teams a deployed agent service: sends every scenario's user task to the service and reports, from the decisions
 * it returns, which attacks executed. Exit code 0 when no attack executed, 1 when one did, 2 on a usage or harness
 * error.
 *
 * <pre>{@code
 * java -cp warden-red-team.jar:... dev.warden.redteam.RedTeamCli \
 *     --url http://localhost:8080 --agent banking-assistant --scenarios src/test/resources/scenarios/banking \
 *     --dev-user alice --report target/remote-red-team.md
 * }</pre>
 *
 * Options: {@code --url} (required), {@code --agent} (required), {@code --scenarios} (required), {@code --token} or
 * {@code --dev-user} (a dev-token endpoint user), {@code --report} (markdown file).
 */
public final class RedTeamCli {
    private RedTeamCli() {}

    public static void main(String[] args) {
        try {
            System.exit(run(args, HttpClient.newHttpClient()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /** Runs the CLI; returns the exit code. */
    static int run(String[] args, HttpClient http) throws IllegalArgumentException {
        Map<String, String> o = options(args);
        URI url = URI.create(required(o, "url"));
        String token = o.containsKey("token") ? o.get("token")
                : HttpScenarioTarget.devToken(http, url, o.getOrDefault("dev-user", "alice"));
        List<Scenario> scenarios = new ScenarioLoader().loadDirectory(Path.of(required(o, "scenarios")));
        HttpScenarioTarget target = new HttpScenarioTarget(http, url, required(o, "agent"), token);
        List<AttemptResult> results = new ArrayList<>();
        for (Scenario s : scenarios) {
            results.add(target.run(s, Strategy.OBEDIENT, null));
        }
        Scorecard card = new Scorecard(scenarios, results);
        String report = "# Red-team report: " + url + " agent " + o.get("agent") + "\n\n" + card.markdown();
        System.out.println(report);
        if (o.containsKey("report")) {
            try {
                Files.writeString(Path.of(o.get("report")), report);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(RedTeamCodes.message(RedTeamCodes.USAGE, "cannot write report: " + e));
            }
        }
        return card.successfulAttacks().isEmpty() ? 0 : 1;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(RedTeamCodes.message(RedTeamCodes.USAGE, "expected --name value, got '"
                        + args[i] + "'; options: --url --agent --scenarios [--token | --dev-user] [--report]"));
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }

    private static String required(Map<String, String> o, String name) {
        String v = o.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(RedTeamCodes.message(RedTeamCodes.USAGE, "--" + name + " is required"));
        }
        return v;
    }
}
