package dev.warden.redteam;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;

/** What every red-team suite test shares: its scenarios from {@code /scenarios/<suite>} and a Markdown report. */
final class SuiteReport {
    private final Path report;

    /** Starts {@code report} afresh under {@code heading}. */
    SuiteReport(Path report, String heading) throws IOException {
        this.report = report;
        Files.createDirectories(report.getParent());
        Files.writeString(report, "# " + heading + "\n");
    }

    static List<Scenario> scenarios(String suite) throws URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(SuiteReport.class.getResource("/scenarios/" + suite),
                "no scenarios for suite " + suite).toURI());
        return new ScenarioLoader().loadDirectory(dir);
    }

    /** Runs {@code scenarios} against {@code target} and appends the scorecard as a section titled {@code title}. */
    Scorecard run(String title, ScenarioTarget target, List<Scenario> scenarios) throws IOException {
        Scorecard card = new RedTeamRunner(target).run(scenarios);
        String section = "\n## " + title + "\n\n" + card.markdown();
        System.out.println(section);
        Files.writeString(report, section, StandardOpenOption.APPEND);
        return card;
    }
}
