package dev.warden.dataflow.internal;

/** A cheap look at tool output before parsing it as JSON. */
final class JsonText {
    private JsonText() {}

    /** Whether the first character that is not white space opens a JSON object or array. */
    static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[';
            }
        }
        return false;
    }
}
