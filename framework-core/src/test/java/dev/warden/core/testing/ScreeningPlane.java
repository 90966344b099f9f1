package dev.warden.core.testing;

import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.spi.OutputScreen;
import dev.warden.spi.PolicyPlane;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test plane at {@code AGENT_OUTPUT} that redacts {@code SECRET-dddd} and refuses answers mentioning
 * {@code forbidden}, both whole and piece by piece.
 */
public final class ScreeningPlane implements PolicyPlane, OutputScreen {
    public static final String NAME = "test-screen";
    public static final String CODE = "WARDEN-TEST-0001";
    private static final Pattern SECRET = Pattern.compile("SECRET-\\d{4}");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Checkpoint> checkpoints() {
        return Set.of(Checkpoint.AGENT_OUTPUT);
    }

    @Override
    public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
        String text = request.content() == null ? "" : request.content();
        if (text.contains("forbidden")) {
            return Decision.deny("mentions the forbidden word", CODE, Basis.of(NAME));
        }
        String redacted = SECRET.matcher(text).replaceAll("[REDACTED:CODE]");
        return redacted.equals(text) ? Decision.allow(NAME) : Decision.replaceContent(redacted, "redacted", Basis.of(NAME));
    }

    @Override
    public Screening screen(CheckpointRequest window, GovernanceContext context) {
        String text = window.content();
        if (text.contains("forbidden")) {
            return Screening.refuse(Decision.deny("mentions the forbidden word", CODE, Basis.of(NAME)));
        }
        List<Span> spans = new ArrayList<>();
        Matcher m = SECRET.matcher(text);
        while (m.find()) {
            spans.add(new Span(m.start(), m.end() - m.start(), "[REDACTED:CODE]", "CODE"));
        }
        return Screening.redact(spans);
    }
}
