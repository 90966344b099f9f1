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

    @Override
    public List<Finding> detect(CharSequence text) {
        List<Finding> out = new ArrayList<>();
        Iterable<PhoneNumberMatch> matches = PhoneNumberUtil.getInstance()
                .findNumbers(text, defaultRegion, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE);
        for (PhoneNumberMatch m : matches) {
            boolean international = m.rawString().startsWith("+") || m.rawString().startsWith("00");
            boolean keyword = ContextWords.before(text, m.start(), 40, PHONE_WORDS);
            double confidence = international || keyword ? 0.9 : 0.45;
            out.add(new Finding(SensitiveKinds.PHONE, m.start(), m.end() - m.start(), confidence));
        }
        return out;
    }
}
