package dev.warden.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A first look at an MCP tool description before a human approves it. Descriptions are untrusted content that goes
 * straight into the model's prompt ("tool poisoning"); this screen flags the cheap, known tells — hidden characters,
 * instruction-like phrases, oversize text — so they are not approved by accident. It is a heuristic aid to the human
 * reviewer, not a guarantee: the guarantee is that nothing reaches the model unreviewed and nothing changes after
 * review ({@link ToolPin}).
 *
 * <p>Stateless and thread-safe.
 */
public final class DescriptionScreen {
    /** Default longest description accepted without a finding. */
    public static final int DEFAULT_MAX_CHARS = 2_000;

    private static final List<Pattern> INSTRUCTION_TELLS = List.of(
            Pattern.compile("ignore (all |any )?(the )?(previous|prior|above|earlier)"),
            Pattern.compile("<\\s*(important|system|instructions?)\\s*>"),
            Pattern.compile("do not (tell|mention|inform|reveal|show)"),
            Pattern.compile("(don't|do not|never) (tell|let) the user"),
            Pattern.compile("system prompt"),
            Pattern.compile("before (using|calling) (this|any) tool"),
            Pattern.compile("(id_rsa|\\.ssh|\\.env\\b|mcp\\.json|credentials)"),
            Pattern.compile("(send|forward|transfer) (all|every|the whole)"));

    private final int maxChars;

    public DescriptionScreen(int maxChars) {
        this.maxChars = maxChars;
    }

    public static DescriptionScreen standard() {
        return new DescriptionScreen(DEFAULT_MAX_CHARS);
    }

    /** Findings for a description; empty means nothing suspicious was found. */
    public List<String> findings(String description) {
        List<String> out = new ArrayList<>();
        if (description == null) {
            return out;
        }
        if (description.length() > maxChars) {
            out.add("description is " + description.length() + " characters (limit " + maxChars + ")");
        }
        description.codePoints().filter(DescriptionScreen::hidden).findFirst().ifPresent(cp -> out.add(
                "description contains an invisible or control character U+" + String.format("%04X", cp)));
        String lower = description.toLowerCase(Locale.ROOT);
        for (Pattern p : INSTRUCTION_TELLS) {
            var m = p.matcher(lower);
            if (m.find()) {
                out.add("description contains instruction-like text '" + m.group() + "'");
            }
        }
        return out;
    }

    private static boolean hidden(int cp) {
        int type = Character.getType(cp);
        return type == Character.FORMAT || (type == Character.CONTROL && cp != '\n' && cp != '\t' && cp != '\r')
                || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
    }
}
