package dev.warden.dataflow.internal;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * URL text as a browser reads it out of answer text: character references decoded, tabs and newlines dropped,
 * backslashes as slashes, the host percent-decoded and lower-cased ({@link AnswerImages}).
 */
final class UrlText {
    private UrlText() {}

    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});?");
    private static final Map<String, String> NAMED = Map.ofEntries(Map.entry("colon", ":"), Map.entry("sol", "/"),
            Map.entry("bsol", "\\"), Map.entry("period", "."), Map.entry("tab", "\t"), Map.entry("newline", "\n"),
            Map.entry("amp", "&"), Map.entry("quot", "\""), Map.entry("apos", "'"), Map.entry("lpar", "("),
            Map.entry("rpar", ")"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("commat", "@"),
            Map.entry("num", "#"), Map.entry("quest", "?"), Map.entry("percnt", "%"));
    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.\\-]*):");

    static String decodeEntities(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String r;
            if (e.charAt(0) == '#') {
                int cp = e.charAt(1) == 'x' || e.charAt(1) == 'X' ? Integer.parseInt(e.substring(2), 16)
                        : Integer.parseInt(e.substring(1));
                r = Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : "\uFFFD";
            } else {
                // an unknown name stays as written: a browser keeps it literally as well
                r = NAMED.getOrDefault(e.toLowerCase(Locale.ROOT), m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(r));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Drops a Markdown backslash before ASCII punctuation. */
    static String unescapeMarkdown(String s) {
        return s.indexOf('\\') < 0 ? s : s.replaceAll("\\\\(\\p{Punct})", "$1");
    }

    /** Leading/trailing controls and spaces trimmed, tabs and newlines inside removed (as the URL parser does). */
    static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\t' && c != '\n' && c != '\r') {
                b.append(c);
            }
        }
        int from = 0;
        int to = b.length();
        while (from < to && b.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && b.charAt(to - 1) <= ' ') {
            to--;
        }
        return b.substring(from, to);
    }

    static String scheme(String u) {
        Matcher m = SCHEME.matcher(u);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** The host of {@code rest} (text after the scheme's colon, slashes normalised), lower case, no port. */
    static String host(String rest) {
        int p = 0;
        while (p < rest.length() && rest.charAt(p) == '/') {
            p++;
        }
        int end = p;
        while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        String authority = rest.substring(p, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            authority = close < 0 ? authority : authority.substring(0, close + 1);
        } else if (authority.indexOf(':') >= 0) {
            authority = authority.substring(0, authority.indexOf(':'));
        }
        String host = percentDecode(authority).toLowerCase(Locale.ROOT);
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host;
    }

    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        try {
            return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** Host or scheme text safe to show in a marker: no brackets or spaces that could open Markdown. */
    static String printable(String s) {
        String p = s.replaceAll("[^a-zA-Z0-9.:\\-_]", "?");
        return p.length() > 100 ? p.substring(0, 100) + "…" : p;
    }
}
