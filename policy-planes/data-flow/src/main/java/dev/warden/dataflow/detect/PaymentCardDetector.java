package dev.warden.dataflow.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment card numbers (PANs): 12–19 digits, optionally grouped by single spaces or hyphens, that pass the Luhn check
 * and fall in an issuer range (IIN) with a length that issuer uses. A number introduced by an order, invoice, tracking
 * or reference keyword and by no card keyword gets a low confidence: one random number in ten passes Luhn.
 */
public final class PaymentCardDetector implements Detector {
    private static final Pattern CANDIDATE = Pattern.compile("(?<![0-9A-Za-z-])\\d(?:[ -]?\\d){11,18}(?![0-9A-Za-z])");
    private static final Pattern NOT_CARD_WORDS = Pattern.compile(
            "(?i)\\b(order|invoice|tracking|ref|reference|ticket|case|po|sku|serial|account no)\\b");
    private static final Pattern CARD_WORDS = Pattern.compile(
            "(?i)\\b(card|visa|mastercard|amex|pan|cc|credit|debit|payment)\\b");

    @Override
    public String name() {
        return "payment-card";
    }

    @Override
    public Set<String> kinds() {
        return Set.of(SensitiveKinds.PAYMENT_CARD);
    }

    @Override
    public List<Finding> detect(CharSequence text) {
        List<Finding> out = new ArrayList<>();
        Matcher m = CANDIDATE.matcher(text);
        while (m.find()) {
            String raw = m.group();
            String digits = raw.replaceAll("[ -]", "");
            if (!consistentSeparators(raw) || !issuerAccepts(digits) || !Checksums.luhn(digits)) {
                continue;
            }
            boolean notCard = ContextWords.before(text, m.start(), 30, NOT_CARD_WORDS)
                    && !ContextWords.before(text, m.start(), 30, CARD_WORDS);
            out.add(new Finding(SensitiveKinds.PAYMENT_CARD, m.start(), raw.length(), notCard ? 0.3 : 0.95));
        }
        return out;
    }

    /** Either no separators, or one kind of separator used throughout. */
    private static boolean consistentSeparators(String raw) {
        return !(raw.indexOf(' ') >= 0 && raw.indexOf('-') >= 0);
    }

    /** Major issuer identification ranges (ISO/IEC 7812) and the lengths those issuers use. */
    static boolean issuerAccepts(String d) {
        int len = d.length();
        int p2 = Integer.parseInt(d.substring(0, 2));
        int p3 = Integer.parseInt(d.substring(0, 3));
        int p4 = Integer.parseInt(d.substring(0, 4));
        int p6 = Integer.parseInt(d.substring(0, 6));
        if (d.charAt(0) == '4') {
            return len == 13 || len == 16 || len == 19; // Visa
        }
        if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
            return len == 16; // Mastercard
        }
        if (p2 == 34 || p2 == 37) {
            return len == 15; // American Express
        }
        if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || (p6 >= 622126 && p6 <= 622925)) {
            return len >= 16 && len <= 19; // Discover
        }
        if (p4 >= 3528 && p4 <= 3589) {
            return len >= 16 && len <= 19; // JCB
        }
        if (p2 == 36 || p2 == 38 || p2 == 39 || (p3 >= 300 && p3 <= 305)) {
            return len >= 14 && len <= 19; // Diners Club
        }
        if (p2 == 62) {
            return len >= 16 && len <= 19; // UnionPay
        }
        if (p4 == 5018 || p4 == 5020 || p4 == 5038 || p4 == 5893 || p4 == 6304 || p4 == 6759
                || (p4 >= 6761 && p4 <= 6763)) {
            return len >= 12 && len <= 19; // Maestro
        }
        return false;
    }
}
