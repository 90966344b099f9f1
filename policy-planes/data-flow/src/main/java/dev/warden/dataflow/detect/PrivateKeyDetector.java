package dev.warden.dataflow.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Private keys in their text formats: PEM ({@code -----BEGIN [RSA |EC |DSA |OPENSSH |ENCRYPTED ]PRIVATE KEY-----}),
 * OpenPGP armour ({@code -----BEGIN PGP PRIVATE KEY BLOCK-----}), SSH.COM/Tectia ({@code ---- BEGIN SSH2 ENCRYPTED
 * PRIVATE KEY ----}) and PuTTY key files ({@code PuTTY-User-Key-File-2:} or {@code -3:} through the
 * {@code Private-MAC:} line). The span runs to the matching END line; a key cut off before its END line (a truncated
 * paste) still counts, up to the end of its body. Public keys and certificates are not secrets and are not reported.
 */
public final class PrivateKeyDetector implements Detector {
    private static final Pattern BEGIN = Pattern.compile(
            "(-----|---- )BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?( -----|-----| ----)");
    private static final Pattern PUTTY = Pattern.compile("PuTTY-User-Key-File-[0-9]+: ");
    private static final Pattern PUTTY_MAC = Pattern.compile("Private-(?:MAC|Hash): *[0-9A-Fa-f]+");

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
        int from = indexOf(text, "BEGIN ", 0) < 0 ? text.length() : 0; // the regex alone is tried at every position
        while (from < text.length() && begin.find(from)) {
            String dashes = begin.group(1).trim();
            String end = dashes + (dashes.length() == 4 ? " " : "") + "END " + begin.group(2) + "PRIVATE KEY"
                    + (begin.group(3) == null ? "" : begin.group(3)) + begin.group(4);
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
        findPutty(text, out);
        return out;
    }

    /** A PuTTY key file runs from its first header to the end of its {@code Private-MAC} (or v1 {@code Hash}). */
    private static void findPutty(CharSequence text, List<Finding> out) {
        if (indexOf(text, "PuTTY-User-Key-File-", 0) < 0) {
            return;
        }
        Matcher m = PUTTY.matcher(text);
        int from = 0;
        while (from < text.length() && m.find(from)) {
            Matcher mac = PUTTY_MAC.matcher(text);
            int stop = mac.find(m.end()) && mac.start() - m.end() < 16_384 ? mac.end() : endOfBody(text, m.end());
            out.add(new Finding(SensitiveKinds.PRIVATE_KEY, m.start(), stop - m.start(), 0.99));
            from = stop;
        }
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
