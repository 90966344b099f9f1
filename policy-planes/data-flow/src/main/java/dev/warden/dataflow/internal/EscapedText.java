package dev.warden.dataflow.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Text with its backslash escapes written out, for the detectors: a model reads {@code "536\\u002d22\\u002d8741"} in a
 * JSON result as the SSN it decodes to, so the detectors must see that too (decision 0022).
 *
 * <p>A JSON object or array is read with Jackson (strict JSON: no comments, single quotes or unquoted names): each
 * string token (value or key) that holds an escape is replaced, quotes kept, by its decoded text, so the detectors see
 * the document as its clear twin reads. Whatever Jackson cannot read (not JSON, malformed, cut at the scan bound) is
 * decoded leniently from where it stopped: {@code \}{@code uXXXX} becomes its character, {@code \n}, {@code \t},
 * {@code \r}, {@code \b}, {@code \f} their control characters, any other escaped character itself. So an escape is
 * never left undecoded because the text around it is not valid JSON. The caller bounds the input (the scan limit);
 * the output is never longer than the input, and one pass over it plus one parse is all the work.
 */
final class EscapedText {
    /** Jackson's defaults are strict JSON; duplicate keys are not rejected: the model reads both, so do we. */
    private static final JsonFactory JSON = new JsonFactory();

    private EscapedText() {}

    /** Whether {@code text} (up to {@code limit}) holds a backslash, so {@link #decode} could change it. */
    static boolean hasEscape(String text, int limit) {
        int i = text.indexOf('\\');
        return i >= 0 && i < limit - 1;
    }

    /** How many times escapes are decoded: JSON text inside a JSON string holds its escapes escaped once more. */
    static final int MAX_PASSES = 3;

    /**
     * {@link #decode} repeated while escapes remain and it changes something, at most {@link #MAX_PASSES} times: a
     * JSON document carried in a JSON string ({@code "{\"ssn\":\"536\\u002d…"}") is read as its reader would.
     */
    static String decodeNested(String text, int limit) {
        String out = decode(text, limit);
        for (int pass = 1; pass < MAX_PASSES && hasEscape(out, out.length()); pass++) {
            String again = decode(out, out.length());
            if (again.equals(out)) {
                break;
            }
            out = again;
        }
        return out;
    }

    /** {@code text} up to {@code limit} with its escapes decoded once; see the class comment. */
    static String decode(String text, int limit) {
        String src = text.length() > limit ? text.substring(0, limit) : text;
        StringBuilder out = new StringBuilder(src.length());
        int copied = 0;
        if (JsonText.looksLikeJson(src)) {
            try (JsonParser p = JSON.createParser(src)) {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    if (t != JsonToken.FIELD_NAME && t != JsonToken.VALUE_STRING) {
                        continue;
                    }
                    String decoded = t == JsonToken.FIELD_NAME ? p.currentName() : p.getText();
                    long at = p.currentTokenLocation().getCharOffset();
                    int start = at < copied || at >= src.length() ? -1 : src.indexOf('"', (int) at);
                    int end = start < 0 ? -1 : closingQuote(src, start);
                    if (end < 0) {
                        break; // offsets not as expected: the lenient pass decodes the rest
                    }
                    if (src.indexOf('\\', start) < end) {
                        out.append(src, copied, start).append('"').append(decoded).append('"');
                        copied = end + 1;
                    }
                }
            } catch (IOException e) {
                // not JSON from some point on (or cut at the bound): the rest is decoded leniently below
            }
        }
        lenient(src, copied, out);
        return out.toString();
    }

    /** Index of the quote closing the JSON string opened at {@code open}, or -1. */
    private static int closingQuote(String s, int open) {
        for (int i = open + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    private static void lenient(String s, int from, StringBuilder out) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char n = s.charAt(++i);
            if (n == 'u' && i + 4 < s.length() && isHex(s, i + 1, i + 5)) {
                out.append((char) Integer.parseInt(s, i + 1, i + 5, 16));
                i += 4;
            } else {
                out.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    default -> n;
                });
            }
        }
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
