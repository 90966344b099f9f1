package dev.warden.core.tools;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes out the escapes a reader of a web text decodes without thinking: {@code %XX} (a run of them as UTF-8) and
 * HTML numeric character references ({@code &#64;}, {@code &#x40;}). Used by {@link FieldRedaction} to find a
 * withheld value spelt in one of these shapes elsewhere in the text; never fails, leaves what it cannot decode.
 */
final class WebEscapes {
    private static final Pattern PERCENT_RUN = Pattern.compile("(?:%[0-9A-Fa-f]{2})+");
    private static final Pattern ENTITY = Pattern.compile("&#(?:([0-9]{1,7})|[xX]([0-9A-Fa-f]{1,6}));");

    private WebEscapes() {}

    static String decode(String s) {
        return entities(percent(s));
    }

    private static String percent(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        Matcher m = PERCENT_RUN.matcher(s);
        StringBuilder b = new StringBuilder(s.length());
        while (m.find()) {
            String run = m.group();
            byte[] bytes = new byte[run.length() / 3];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) Integer.parseInt(run, 3 * i + 1, 3 * i + 3, 16);
            }
            m.appendReplacement(b, Matcher.quoteReplacement(new String(bytes, StandardCharsets.UTF_8)));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static String entities(String s) {
        if (s.indexOf("&#") < 0) {
            return s;
        }
        Matcher m = ENTITY.matcher(s);
        StringBuilder b = new StringBuilder(s.length());
        while (m.find()) {
            int cp = m.group(1) != null ? Integer.parseInt(m.group(1)) : Integer.parseInt(m.group(2), 16);
            String rep = Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : m.group();
            m.appendReplacement(b, Matcher.quoteReplacement(rep));
        }
        m.appendTail(b);
        return b.toString();
    }
}
