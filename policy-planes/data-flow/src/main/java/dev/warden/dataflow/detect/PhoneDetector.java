package dev.warden.dataflow.detect;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Phone numbers, found and validated with Google's libphonenumber ({@code Leniency.VALID}: the number must be a
 * valid number for its region, grouped as that region groups it). Numbers in international form ({@code +44 …}) are
 * found whatever the default region; national forms are read in the default region. A number that is neither in
 * international form nor next to a phone keyword gets a lower confidence, because long digit runs (order numbers,
 * dates) are often valid national numbers by accident.
 */
public final class PhoneDetector implements Detector {
    private static final Pattern PHONE_WORDS = Pattern.compile(
            "(?i)\\b(phone|tel|telephone|mobile|cell|call|fax|whatsapp|sms|contact|reach)\\b");
    private final String defaultRegion;

    /** @param defaultRegion ISO 3166 region used to read national numbers, e.g. {@code "US"} or {@code "GB"} */
    public PhoneDetector(String defaultRegion) {
        this.defaultRegion = Objects.requireNonNull(defaultRegion, "defaultRegion");
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalArgumentException("unsupported phone region: " + defaultRegion);
        }
    }

    @Override
    public String name() {
        return "phone";
    }

    @Override
    public Set<String> kinds() {
        return Set.of(SensitiveKinds.PHONE);
    }

    /**
     * Cheap candidates: a run of digits and phone punctuation holding at least 7 digits, optionally followed by an
     * extension. libphonenumber's own scanner is accurate but slow on long text (about 1 s per MiB), so it only
     * reads small windows around candidates; a number it would find always lies inside such a run.
     */
    private static final Pattern CANDIDATE = Pattern.compile(
            "[+(]?\\d(?:[\\d\\s().\\-/\\u00A0]{0,30}\\d)?(?:\\s*(?:ext\\.?|x|#)\\s*\\d{1,6})?",
            Pattern.CASE_INSENSITIVE);
    private static final int MIN_DIGITS = 7;
    private static final int MARGIN = 2;

    @Override
    public List<Finding> detect(CharSequence text) {
        List<Finding> out = new ArrayList<>();
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        java.util.regex.Matcher c = CANDIDATE.matcher(text);
        int scannedTo = 0;
        while (c.find()) {
            if (digits(text, c.start(), c.end()) < MIN_DIGITS) {
                continue;
            }
            int from = Math.max(scannedTo, c.start() - MARGIN);
            int to = Math.min(text.length(), c.end() + MARGIN);
            CharSequence window = text.subSequence(from, to);
            for (PhoneNumberMatch m : util.findNumbers(window, defaultRegion, PhoneNumberUtil.Leniency.VALID,
                    Long.MAX_VALUE)) {
                int start = from + m.start();
                boolean international = m.rawString().startsWith("+") || m.rawString().startsWith("00");
                boolean keyword = ContextWords.before(text, start, 40, PHONE_WORDS);
                double confidence = international || keyword ? 0.9 : 0.45;
                out.add(new Finding(SensitiveKinds.PHONE, start, m.end() - m.start(), confidence));
            }
            scannedTo = to;
        }
        return out;
    }

    private static int digits(CharSequence text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (Character.isDigit(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }
}
