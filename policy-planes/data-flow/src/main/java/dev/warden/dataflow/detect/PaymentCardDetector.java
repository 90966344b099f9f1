package dev.warden.dataflow.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment card numbers (PANs): 12–19 digits, compact or grouped by one kind of separator (single spaces or hyphens),
 * that pass the Luhn check and fall in an issuer range (IIN) with a length that network issues ({@link CardNetworks}).
 *
 * <p>One random number in ten passes Luhn and about a quarter of 16-digit numbers fall in some issuer range, so the
 * format alone is weak evidence. The confidence therefore depends on the context:
 * <ul>
 *   <li>a card word before the number ({@code card}, {@code visa}, {@code PAN}, {@code cc}, {@code credit},
 *       {@code debit}, {@code paid}, {@code billing} …) or an expiry or security code after it ({@code 12/26},
 *       {@code exp}, {@code CVV}): 0.95;</li>
 *   <li>an order, invoice, tracking, parcel, item, part, lot, barcode (EAN/GTIN/UPC), IMEI or similar word shortly
 *       before it and no card word: 0.3;</li>
 *   <li>neither, printed in the card layout (groups of four, or 4-6-5 / 4-6-4): 0.7;</li>
 *   <li>neither, compact or in another grouping: 0.45, below the suite's default threshold.</li>
 * </ul>
 * A card followed by its expiry ({@code 4111 1111 1111 1111 12/26}) is found without the date.
 */
public final class PaymentCardDetector implements Detector {
    /** A run of digit groups separated by single spaces or hyphens, not glued to letters or digits. */
    static final Pattern RUN = Pattern.compile("(?<![0-9A-Za-z-])\\d++(?:[ -]\\d++)*+(?![0-9A-Za-z])");
    private static final Pattern CARD_WORDS = Pattern.compile("(?i)(?<![a-z])(cards?|visa|master ?card|mc|amex"
            + "|american express|discover|jcb|diners|union ?pay|maestro|mir|rupay|troy|verve|dankort|pan|ccn?|cc#"
            + "|credit|debit|payments?|paid|pay|charged?|billing|checkout|cardholder)(?-i:(?![a-z]))");
    private static final Pattern CARD_AFTER = Pattern.compile(
            "(?i)^[\\s,;:()]*(?:(?:exp(?:iry|ires|iration)?|valid(?: thru| through| until)?|cvv2?|cvc2?|csc"
            + "|security code)\\b|(?:0[1-9]|1[0-2]) ?/ ?(?:\\d{2}|20\\d{2})(?!\\d))");
    private static final Pattern NOT_CARD_WORDS = Pattern.compile("(?i)(?<![a-z])(order|invoice|tracking|parcel"
            + "|shipment|package|consignment|ref|reference|ticket|case|po|sku|serial|item|part|lot|batch|barcode|ean"
            + "|gtin|upc|isbn|imei|iccid|account no|account number|booking"
            + "|confirmation|reservation|transaction|txn|voucher|coupon|policy|claim|meter|model|loyalty|membership)"
            + "(?-i:(?![a-z]))");

    @Override
    public String name() {
        return "payment-card";
    }

    @Override
    public Set<String> kinds() {
        return Set.of(SensitiveKinds.PAYMENT_CARD);
    }

    /**
     * A run begins at a digit that follows none of {@code [0-9A-Za-z-]} (the pattern's look-behind), so the pattern is
     * only tried there, not at every position: {@code RUN.find()} tried its look-behind at each character and was
     * most of this detector's time. Finds exactly the runs {@code find()} finds.
     */
    @Override
    public List<Finding> detect(CharSequence text) {
        List<Finding> out = new ArrayList<>();
        Matcher m = RUN.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isAsciiDigit(text.charAt(i)) || i > 0 && runContinues(text.charAt(i - 1))) {
                i++;
                continue;
            }
            if (!m.region(i, n).lookingAt()) {
                i++;
                continue;
            }
            if (m.end() - m.start() >= 12) {
                findInRun(text, m.start(), m.end(), out);
            }
            i = m.end();
        }
        return out;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The characters {@code RUN}'s look-behind refuses before a run. */
    private static boolean runContinues(char c) {
        return isAsciiDigit(c) || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-';
    }

    /** Tries each group of the run as a first group and takes the longest valid number from it. */
    static void findInRun(CharSequence text, int runStart, int runEnd, List<Finding> out) {
        List<int[]> groups = new ArrayList<>(); // {start, end}
        int i = runStart;
        while (i < runEnd) {
            int s = i;
            while (i < runEnd && Character.isDigit(text.charAt(i))) {
                i++;
            }
            groups.add(new int[] {s, i});
            i++; // the separator
        }
        int first = 0;
        while (first < groups.size()) {
            Finding f = longestFrom(text, groups, first, runStart);
            if (f == null) {
                first++;
                continue;
            }
            out.add(f);
            while (first < groups.size() && groups.get(first)[0] < f.end()) {
                first++;
            }
        }
    }

    private static Finding longestFrom(CharSequence text, List<int[]> groups, int first, int runStart) {
        int digits = 0;
        Finding best = null;
        for (int last = first; last < groups.size() && digits <= 19; last++) {
            digits += groups.get(last)[1] - groups.get(last)[0];
            if (digits < 12 || digits > 19) {
                continue;
            }
            int start = groups.get(first)[0];
            int end = groups.get(last)[1];
            String raw = text.subSequence(start, end).toString();
            char sep = separator(raw);
            if (sep == '?' || !cutAllowed(text, groups, first, last, sep)) {
                continue;
            }
            String pan = raw.replace(" ", "").replace("-", "");
            if (CardNetworks.accepts(pan) && Checksums.luhn(pan)) {
                best = new Finding(SensitiveKinds.PAYMENT_CARD, start, end - start, confidence(text, start, end, raw));
            }
        }
        return best;
    }

    /** The one separator used in {@code raw}, {@code 0} for none, {@code '?'} when spaces and hyphens are mixed. */
    private static char separator(String raw) {
        boolean space = raw.indexOf(' ') >= 0;
        boolean hyphen = raw.indexOf('-') >= 0;
        return space && hyphen ? '?' : space ? ' ' : hyphen ? '-' : 0;
    }

    /**
     * A number may be cut out of a longer run only where the run changes separator (a compact card followed by more
     * digits after a space) or, at its end, where the next group is a date ({@code 12/26}): a 20-digit number in
     * groups of four is not a card followed by four digits.
     */
    private static boolean cutAllowed(CharSequence text, List<int[]> groups, int first, int last, char sep) {
        if (first > 0 && text.charAt(groups.get(first)[0] - 1) == sep) {
            return false;
        }
        if (last + 1 < groups.size()) {
            int[] next = groups.get(last + 1);
            boolean date = next[1] < text.length() && text.charAt(next[1]) == '/';
            return text.charAt(groups.get(last)[1]) != sep || date;
        }
        return true;
    }

    private static double confidence(CharSequence text, int start, int end, String raw) {
        if (ContextWords.before(text, start, 40, CARD_WORDS) || CARD_AFTER.matcher(text)
                .region(end, Math.min(text.length(), end + 24)).lookingAt()) {
            return 0.95;
        }
        if (ContextWords.before(text, start, 24, NOT_CARD_WORDS)) {
            return 0.3;
        }
        return cardLayout(raw) ? 0.7 : 0.45;
    }

    /** Groups of four (the last may be shorter), or the 4-6-5 / 4-6-4 layout of American Express and Diners. */
    static boolean cardLayout(String raw) {
        String[] g = raw.split("[ -]");
        if (g.length < 3) {
            return false;
        }
        if (g.length == 3 && g[0].length() == 4 && g[1].length() == 6 && (g[2].length() == 5 || g[2].length() == 4)) {
            return true;
        }
        for (int i = 0; i < g.length; i++) {
            if (i < g.length - 1 ? g[i].length() != 4 : g[i].isEmpty() || g[i].length() > 4) {
                return false;
            }
        }
        return true;
    }
}
