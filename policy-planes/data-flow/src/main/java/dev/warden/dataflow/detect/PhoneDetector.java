package dev.warden.dataflow.detect;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import dev.warden.spi.ScreenMemo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers, found and validated with Google's libphonenumber ({@code Leniency.VALID}: a valid number of its
 * region). Numbers in international form ({@code +44 …} or with the {@code 00} international prefix) are found
 * whatever the configured regions; national forms are read in each configured region, in order.
 *
 * <p>Confidence: 0.9 for the international form or a phone word before the number ({@code phone}, {@code tel},
 * {@code mobile}, {@code call} …); 0.3 after an order, invoice, reference, part or similar word; 0.75 for a national
 * number printed with separators grouped as its region groups it ({@code (415) 555-0132}, {@code 020 7946 0958});
 * 0.45 (below the default threshold) for a bare run of digits, since order numbers and dates are often valid
 * national numbers by accident.
 */
public final class PhoneDetector implements Detector {
    private static final Pattern PHONE_WORDS = Pattern.compile("(?i)(?<![a-z])(phone|telephone|tel|mobile|mob|cell"
            + "|cellphone|call|ring|text|fax|whatsapp|signal|sms|contact|reach|dial|landline|hotline|helpline|tél"
            + "|telefon|telefono|teléfono|handy|portable)(?-i:(?![a-z]))");
    private static final Pattern NOT_PHONE_WORDS = Pattern.compile("(?i)(?<![a-z])(order|invoice|ref|reference"
            + "|ticket|case|po|sku|serial|item|part|lot|batch|isbn|account|acct|tracking|parcel|id|no|version|build"
            + "|ip|zip|postcode)(?-i:(?![a-z]))");
    private final List<String> regions;

    /** @param regions ISO 3166 regions used to read national numbers, e.g. {@code "US"} or {@code "GB"}; in order */
    public PhoneDetector(String... regions) {
        this(List.of(regions));
    }

    public PhoneDetector(List<String> regions) {
        this.regions = List.copyOf(Objects.requireNonNull(regions, "regions"));
        if (this.regions.isEmpty()) {
            throw new IllegalArgumentException("a phone detector needs at least one region");
        }
        for (String region : this.regions) {
            if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(region)) {
                throw new IllegalArgumentException("unsupported phone region: " + region);
            }
        }
    }

    /** The regions national numbers are read in. */
    public List<String> regions() {
        return regions;
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
    /** A date alone ({@code 2026-12-01}, {@code 01.12.2026}, {@code 12/01/2026}) is never read as a phone number. */
    private static final Pattern DATE = Pattern.compile(
            "(?:19|20)\\d{2}-[01]\\d-[0-3]\\d|[0-3]?\\d([./-])[01]?\\d\\1(?:19|20)\\d{2}");
    private static final int MIN_DIGITS = 7;
    private static final int MARGIN = 2;
    /** Characters of held text after a candidate's window before {@link #prepare} takes it as complete. */
    private static final int SETTLED_CHARS = 8;

    @Override
    public List<Finding> detect(CharSequence text) {
        return detect(text, null);
    }

    /**
     * As {@link #detect(CharSequence)}; libphonenumber's reading of each candidate's window (the costly part, tens of
     * microseconds for a run of digits such as an IBAN's) is kept in {@code memo} under the window's exact text, so
     * a streamed turn parses each value once, not once per window (decision 0054).
     */
    @Override
    public List<Finding> detect(CharSequence text, ScreenMemo memo) {
        List<Finding> out = new ArrayList<>();
        Matcher c = CANDIDATE.matcher(text);
        int scannedTo = 0;
        while (c.find()) {
            if (digits(text, c.start(), c.end()) < MIN_DIGITS
                    || DATE.matcher(text).region(c.start(), c.end()).matches()) {
                continue;
            }
            int from = Math.max(scannedTo, c.start() - MARGIN);
            int to = Math.min(text.length(), c.end() + MARGIN);
            if (!gluedToALetter(text, from, c.start(), c.end())) {
                scanWindow(text, from, to, c.start(), out, memo);
            }
            scannedTo = to;
        }
        return out;
    }

    /**
     * Parses the candidates of held text whose window later text cannot change any more (at least
     * {@link #SETTLED_CHARS} characters after the window), so the screening that releases them finds them parsed.
     */
    @Override
    public void prepare(CharSequence text, ScreenMemo memo) {
        Matcher c = CANDIDATE.matcher(text);
        int scannedTo = 0;
        while (c.find()) {
            int to = Math.min(text.length(), c.end() + MARGIN);
            if (text.length() - to < SETTLED_CHARS) {
                return; // may still grow (more digits, an extension): parsed when it is screened
            }
            if (digits(text, c.start(), c.end()) < MIN_DIGITS
                    || DATE.matcher(text).region(c.start(), c.end()).matches()) {
                continue;
            }
            int from = Math.max(scannedTo, c.start() - MARGIN);
            if (!gluedToALetter(text, from, c.start(), c.end())) {
                parsed(withPlusForZeroZero(text.subSequence(from, to), c.start() - from), memo);
            }
            scannedTo = to;
        }
    }

    private void scanWindow(CharSequence text, int from, int to, int candidate, List<Finding> out, ScreenMemo memo) {
        CharSequence window = withPlusForZeroZero(text.subSequence(from, to), candidate - from);
        int before = out.size();
        for (Parsed m : parsed(window, memo)) {
            int start = from + m.start();
            int end = from + m.end();
            if (window.charAt(m.start()) == '+' && text.charAt(start) == '0') {
                start--; // the window shows "00" as " +": report the original "00…"
            }
            if (overlapsAny(out, before, start, end)) {
                continue;
            }
            boolean international = m.raw().startsWith("+");
            double confidence = confidence(text, start, m.raw(), international, m.region());
            out.add(new Finding(SensitiveKinds.PHONE, start, end - start, confidence));
        }
    }

    /**
     * True when libphonenumber can find no number in the candidate's window, so it need not be asked: the candidate
     * is a bare run of ASCII digits (not starting {@code 00}) and the window shows the ASCII letter glued before it,
     * as in an IBAN ({@code DE89370400440532013000}) or an order id ({@code INV20261122}).
     *
     * <p>Why nothing can be found, with {@code Leniency.VALID}: libphonenumber's candidates begin at a digit or at an
     * opening bracket or plus sign; the letter (not {@code x}, which libphonenumber reads as punctuation) stops any
     * candidate from the one or two characters before it, so a candidate begins at the run's first digit and takes
     * the whole run. A candidate that begins with a digit right after a Latin letter is rejected before it is parsed,
     * and its inner groups are tried only where it holds white space, which a bare run lacks; what follows it in the
     * window (at most {@link #MARGIN} characters, at most one digit, since a digit would have joined the run) holds
     * no valid number. This skipped parse was most of this detector's time on bank data, where every IBAN is such a
     * run. {@code PhoneDetectorPrefilterTest} checks the claim against libphonenumber on generated text.
     */
    static boolean gluedToALetter(CharSequence text, int from, int start, int end) {
        if (from >= start || end - start < 2) {
            return false;
        }
        char before = text.charAt(start - 1);
        if (!(before >= 'A' && before <= 'Z' || before >= 'a' && before <= 'z') || before == 'x' || before == 'X') {
            return false;
        }
        if (text.charAt(start) == '0' && text.charAt(start + 1) == '0') {
            return false; // read as the international prefix (withPlusForZeroZero): "+" needs no check of its left
        }
        for (int i = start; i < end; i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
    }

    /** libphonenumber's matches in {@code window}, region by region in order; from the memo when it has them. */
    private List<Parsed> parsed(CharSequence window, ScreenMemo memo) {
        if (memo == null) {
            return parse(window);
        }
        String key = window.toString();
        return memo.computeIfAbsent(new WindowKey(this, key), () -> parse(key));
    }

    private List<Parsed> parse(CharSequence window) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        List<Parsed> out = new ArrayList<>(1);
        for (String region : regions) {
            for (PhoneNumberMatch m : util.findNumbers(window, region, Leniency.VALID, Long.MAX_VALUE)) {
                out.add(new Parsed(region, m.start(), m.end(), m.rawString()));
            }
        }
        return List.copyOf(out);
    }

    /** One match of libphonenumber in a candidate's window. */
    private record Parsed(String region, int start, int end, String raw) {}

    /** A memo key: this detector (its regions) and the exact window text it parsed. */
    private record WindowKey(PhoneDetector detector, String window) {}

    private double confidence(CharSequence text, int start, String raw, boolean international, String region) {
        if (international || ContextWords.before(text, start, 40, PHONE_WORDS)) {
            return 0.9;
        }
        if (ContextWords.before(text, start, 24, NOT_PHONE_WORDS)) {
            return 0.3;
        }
        return formattedAsItsRegion(raw, region) ? 0.75 : 0.45;
    }

    /** Printed with separators, grouped the way libphonenumber formats numbers of the region. */
    private static boolean formattedAsItsRegion(String raw, String region) {
        if (raw.chars().allMatch(Character::isDigit)) {
            return false;
        }
        for (PhoneNumberMatch m : PhoneNumberUtil.getInstance().findNumbers(raw, region, Leniency.STRICT_GROUPING,
                Long.MAX_VALUE)) {
            if (m.start() == 0 && m.end() == raw.length()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The international prefix {@code 00} (used in most of the world) at the start of the candidate written as
     * {@code " +"}, same length, so that libphonenumber reads {@code 0044 20 …} as international whatever the
     * configured region.
     */
    private static CharSequence withPlusForZeroZero(CharSequence window, int at) {
        if (at >= 0 && at + 2 < window.length() && window.charAt(at) == '0' && window.charAt(at + 1) == '0'
                && window.charAt(at + 2) >= '1' && window.charAt(at + 2) <= '9') {
            StringBuilder sb = new StringBuilder(window);
            sb.setCharAt(at, ' ');
            sb.setCharAt(at + 1, '+');
            return sb;
        }
        return window;
    }

    private static boolean overlapsAny(List<Finding> found, int from, int start, int end) {
        for (int i = from; i < found.size(); i++) {
            Finding f = found.get(i);
            if (f.offset() < end && start < f.end()) {
                return true;
            }
        }
        return false;
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
