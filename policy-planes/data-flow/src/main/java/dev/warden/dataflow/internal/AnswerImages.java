package dev.warden.dataflow.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds resources in answer text that a chat UI loads with no click — Markdown inline images
 * {@code ![alt](url)}, reference definitions {@code [ref]: url} (which {@code ![alt][ref]} uses) and HTML tags with
 * URL-loading attributes ({@code <img src>}, {@code srcset}, {@code poster}, {@code <base href>}, {@code style} with
 * {@code url(...)}) — whose URL leaves for a host that is not allowed (decision 0051). Plain links
 * {@code [text](url)} and {@code <a href>} need a click and are left alone. A {@code data:} URI and a relative URL (it
 * resolves to the UI's own origin) are allowed; any other scheme is not.
 *
 * <p>The end of the text ends an unclosed construct: a URL already visible there is judged as it stands, so a window
 * that ends inside an image still finds it. Pure and thread-safe; quadratic at worst in nested brackets.
 */
public final class AnswerImages {
    /** A construct to replace: {@code [offset, offset + length)} of the text, and the host (or scheme) it named. */
    public record Removal(int offset, int length, String host) {
        public int end() {
            return offset + length;
        }

        public String replacement() {
            return "[image removed: " + host + "]";
        }
    }

    /** Kind of a removal span in a streamed answer. */
    public static final String KIND = "IMAGE";

    private static final Set<String> LINK_TAGS = Set.of("a", "area");
    private static final Set<String> URL_ATTRS = Set.of("src", "srcset", "poster", "background", "data", "href",
            "xlink:href", "lowsrc", "dynsrc", "imagesrcset", "action", "formaction");

    private final Set<String> allowedHosts;

    /** @param allowedHosts lower-case hosts whose images may load; {@code *.example.com} admits its subdomains */
    public AnswerImages(Set<String> allowedHosts) {
        this.allowedHosts = Set.copyOf(allowedHosts);
    }

    /** The constructs of {@code text} to remove, in order, not overlapping. */
    public List<Removal> find(String text) {
        List<Removal> out = new ArrayList<>();
        int n = text.length();
        for (int i = 0; i < n; i++) {
            Parsed p = parse(text, i);
            if (p == null || p.urls.isEmpty()) {
                continue;
            }
            String denied = null;
            for (String url : p.urls) {
                denied = denied != null ? denied : deniedHost(url);
            }
            if (denied != null) {
                out.add(new Removal(i, p.end - i, denied));
                i = p.end - 1; // an allowed construct is not skipped: one nested in it is judged too
            }
        }
        return out;
    }

    /** {@code text} with each removal replaced by its marker. */
    public static String apply(String text, List<Removal> removals) {
        if (removals.isEmpty()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length());
        int at = 0;
        for (Removal r : removals) {
            b.append(text, at, r.offset()).append(r.replacement());
            at = r.end();
        }
        return b.append(text, at, text.length()).toString();
    }

    /** Where a construct still open at the end of {@code text} begins (its URL may not be complete), or {@code -1}. */
    public int openStart(CharSequence text) {
        String s = text.toString();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '!' || c == '[' || c == '<') {
                Parsed p = parse(s, i);
                if (p != null ? p.open : openPrefix(s, i)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** A lone {@code !} or {@code <} at the very end may yet begin an image. */
    private static boolean openPrefix(String s, int i) {
        return i == s.length() - 1 && (s.charAt(i) == '!' || s.charAt(i) == '<')
                || s.charAt(i) == '<' && s.length() - i <= 16 && s.substring(i + 1).chars().allMatch(Character::isLetter);
    }

    private record Parsed(int end, List<String> urls, boolean open) {}

    private static Parsed parse(String s, int i) {
        char c = s.charAt(i);
        if (c == '!' && i + 1 < s.length() && s.charAt(i + 1) == '[') {
            return image(s, i);
        }
        if (c == '[') {
            return definition(s, i);
        }
        if (c == '<') {
            return tag(s, i);
        }
        return null;
    }

    /** {@code ![alt](dest "title")}; {@code ![alt][ref]} carries no URL (its definition does). */
    private static Parsed image(String s, int i) {
        int close = closingBracket(s, i + 1, Integer.MAX_VALUE);
        if (close < 0) {
            return new Parsed(s.length(), List.of(), true);
        }
        if (close + 1 >= s.length()) {
            return new Parsed(s.length(), List.of(), true);
        }
        if (s.charAt(close + 1) != '(') {
            return null;
        }
        return destination(s, close + 2, true);
    }

    /** {@code [label]: dest} (labels are at most 999 characters in CommonMark). */
    private static Parsed definition(String s, int i) {
        int close = closingBracket(s, i, 1000);
        if (close == -2) {
            return null;
        }
        if (close < 0 || close + 1 >= s.length()) {
            return new Parsed(s.length(), List.of(), true);
        }
        if (s.charAt(close + 1) != ':') {
            return null;
        }
        return destination(s, close + 2, false);
    }

    /** Reads a destination from {@code at}: {@code <...>} or a run without spaces (balanced parentheses). */
    private static Parsed destination(String s, int at, boolean inline) {
        int n = s.length();
        int p = at;
        while (p < n && (s.charAt(p) == ' ' || s.charAt(p) == '\t' || s.charAt(p) == '\n' || s.charAt(p) == '\r')) {
            p++;
        }
        if (p >= n) {
            return new Parsed(n, List.of(), true);
        }
        int start = p;
        String url;
        if (s.charAt(p) == '<') {
            int gt = s.indexOf('>', p + 1);
            url = s.substring(p + 1, gt < 0 ? n : gt);
            p = gt < 0 ? n : gt + 1;
        } else {
            int depth = 0;
            while (p < n && !Character.isWhitespace(s.charAt(p))) {
                char c = s.charAt(p);
                if (c == '\\' && p + 1 < n) {
                    p += 2;
                    continue;
                }
                if (c == '(') {
                    depth++;
                } else if (c == ')' && inline && depth-- == 0) {
                    break;
                }
                p++;
            }
            url = s.substring(start, Math.min(p, n));
        }
        if (p >= n) {
            return new Parsed(n, List.of(url), true);
        }
        if (!inline) {
            return new Parsed(p, List.of(url), false);
        }
        int paren = s.indexOf(')', p); // a title may follow; the construct ends at the next ')'
        // everything up to it is judged too: a lenient renderer may read "ht\ttps://…" or "https:// evil…" as one URL
        String whole = s.substring(at, paren < 0 ? n : paren);
        return new Parsed(paren < 0 ? n : paren + 1, List.of(url, whole), paren < 0);
    }

    /** Index of the {@code ]} matching the {@code [} at {@code open}; -1 when not yet there, -2 past {@code max}. */
    private static int closingBracket(String s, int open, int max) {
        int depth = 0;
        for (int p = open; p < s.length(); p++) {
            if (p - open > max) {
                return -2;
            }
            char c = s.charAt(p);
            if (c == '\\') {
                p++;
            } else if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return p;
            }
        }
        return -1;
    }

    /** An HTML start tag and the URLs of its loading attributes. */
    private static Parsed tag(String s, int i) {
        int n = s.length();
        int p = i + 1;
        while (p < n && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == ':' || s.charAt(p) == '-')) {
            p++;
        }
        if (p == i + 1 || !Character.isLetter(s.charAt(i + 1))) {
            return null;
        }
        String name = s.substring(i + 1, p).toLowerCase(Locale.ROOT);
        if (p < n && !Character.isWhitespace(s.charAt(p)) && s.charAt(p) != '>' && s.charAt(p) != '/') {
            return null;
        }
        List<String> urls = new ArrayList<>();
        while (p < n) {
            char c = s.charAt(p);
            if (c == '>') {
                return new Parsed(p + 1, urls, false);
            }
            if (Character.isWhitespace(c) || c == '/') {
                p++;
                continue;
            }
            int a = p;
            while (p < n && !Character.isWhitespace(s.charAt(p)) && "/>=".indexOf(s.charAt(p)) < 0) {
                p++;
            }
            String attr = s.substring(a, p).toLowerCase(Locale.ROOT);
            while (p < n && Character.isWhitespace(s.charAt(p))) {
                p++;
            }
            if (p >= n || s.charAt(p) != '=') {
                continue;
            }
            p++;
            while (p < n && Character.isWhitespace(s.charAt(p))) {
                p++;
            }
            String value;
            if (p < n && (s.charAt(p) == '"' || s.charAt(p) == '\'')) {
                int q = s.indexOf(s.charAt(p), p + 1);
                value = s.substring(p + 1, q < 0 ? n : q);
                p = q < 0 ? n : q + 1;
            } else {
                int v = p;
                while (p < n && !Character.isWhitespace(s.charAt(p)) && s.charAt(p) != '>') {
                    p++;
                }
                value = s.substring(v, p);
            }
            if (attr.equals("style")) {
                urls.addAll(cssUrls(value));
            } else if (URL_ATTRS.contains(attr) && !(attr.equals("href") && LINK_TAGS.contains(name))) {
                if (attr.endsWith("srcset")) {
                    for (String part : value.split("[\\s,]+")) {
                        if (!part.isEmpty()) {
                            urls.add(part);
                        }
                    }
                } else {
                    urls.add(value);
                }
            }
        }
        return new Parsed(n, urls, true);
    }

    private static List<String> cssUrls(String style) {
        List<String> out = new ArrayList<>();
        String lower = style.toLowerCase(Locale.ROOT);
        for (int at = lower.indexOf("url("); at >= 0; at = lower.indexOf("url(", at + 4)) {
            int end = style.indexOf(')', at);
            out.add(style.substring(at + 4, end < 0 ? style.length() : end).replaceAll("[\"'\\s]", ""));
        }
        if (lower.contains("image-set(") || lower.contains("@import")) {
            out.add("//css");
        }
        return out;
    }

    /** {@code null} when {@code url} may load; otherwise the host (or scheme) that may not. */
    String deniedHost(String url) {
        String decoded = UrlText.decodeEntities(url);
        // judged with and without Markdown backslash escapes: an HTML attribute keeps them, a Markdown URL drops them
        String a = judge(UrlText.unescapeMarkdown(decoded));
        return a != null ? a : judge(decoded);
    }

    private String judge(String raw) {
        String u = UrlText.clean(raw);
        String scheme = UrlText.scheme(u);
        if (scheme == null) {
            String slashed = u.replace('\\', '/');
            return slashed.startsWith("//") ? hostVerdict(UrlText.host(slashed)) : null;
        }
        if (scheme.equals("data")) {
            return null;
        }
        if (scheme.equals("http") || scheme.equals("https")) {
            return hostVerdict(UrlText.host(u.substring(scheme.length() + 1).replace('\\', '/')));
        }
        return UrlText.printable(scheme) + ":";
    }

    private String hostVerdict(String host) {
        if (host.isEmpty()) {
            return "invalid host";
        }
        if (allowedHosts.contains(host)) {
            return null;
        }
        for (String allowed : allowedHosts) {
            if (allowed.startsWith("*.") && host.endsWith(allowed.substring(1))) {
                return null;
            }
        }
        return UrlText.printable(host);
    }
}
