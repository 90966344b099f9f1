package dev.warden.dataflow.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM-armoured private keys ({@code -----BEGIN [RSA |EC |OPENSSH |ENCRYPTED ]PRIVATE KEY-----}). The span runs to the
 * matching END line; a key cut off before its END line (a truncated paste) still counts, up to the end of its base64
 * body. Public keys and certificates are not secrets and are not reported.
 */
public final class PrivateKeyDetector implements Detector {
    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----");

    @Override
    public String name() {
        return "private-key";
    }

    @Override
    public Set<String> kinds() {
        return Set.of(SensitiveKinds.PRIVATE_KEY);
    }

    @Override
    public List<Finding> detect(CharSequence text) {
        List<Finding> out = new ArrayList<>();
        Matcher begin = BEGIN.matcher(text);
        int from = 0;
        while (from < text.length() && begin.find(from)) {
            String end = "-----END " + begin.group(1) + "PRIVATE KEY-----";
            int endAt = indexOf(text, end, begin.end());
            int stop;
            if (endAt >= 0) {
                stop = endAt + end.length();
            } else {
                stop = endOfBody(text, begin.end());
            }
            out.add(new Finding(SensitiveKinds.PRIVATE_KEY, begin.start(), stop - begin.start(), 0.99));
            from = stop;
        }
        return out;
    }

    /** End of a base64 body (with optional {@code Proc-Type:} style headers) that has no END line. */
    private static int endOfBody(CharSequence text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean bodyChar = Character.isLetterOrDigit(c) && c < 128 || c == '+' || c == '/' || c == '='
                    || c == ':' || c == ',' || Character.isWhitespace(c)
                    || c == '-' && !(i + 1 < text.length() && text.charAt(i + 1) == '-');
            if (!bodyChar) {
                break;
            }
            i++;
        }
        while (i > from && Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static int indexOf(CharSequence text, String needle, int from) {
        return text.toString().indexOf(needle, from);
    }
}
