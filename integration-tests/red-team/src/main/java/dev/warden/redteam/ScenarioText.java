package dev.warden.redteam;

import java.util.Locale;

/** Text normal forms shared by the harness's checks. */
public final class ScenarioText {
    private ScenarioText() {}

    /** Lower case, quotes unified, whitespace collapsed: how an injection is recognised inside a tool result. */
    public static String marker(String text) {
        return text.replace('"', '\'').replaceAll("\\s+", " ").trim().toLowerCase(Locale.ROOT);
    }

    /** An account identifier as a bank would route it: no spaces, upper case. */
    public static String account(Object value) {
        return value == null ? "" : String.valueOf(value).replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }
}
