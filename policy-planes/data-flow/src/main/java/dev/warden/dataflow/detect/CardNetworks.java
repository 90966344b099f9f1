package dev.warden.dataflow.detect;

import java.util.List;

/**
 * Issuer identification number (IIN, ISO/IEC 7812) ranges of the card networks the payment-card detector claims, and
 * the PAN lengths each network issues, as the networks publish them. No maintained machine-readable registry of IIN
 * ranges exists (the ISO register is not public), so this table is kept here; {@code docs/policy-guide.md} lists it.
 * Visa's obsolete 13-digit numbers are left out: no such card is in circulation, and 13 digits is also the length of
 * every EAN-13 barcode.
 */
final class CardNetworks {
    private CardNetworks() {}

    /** Numbers whose first {@code digits} digits lie in [lo, hi] and whose length is within [minLen, maxLen]. */
    private record Range(String network, int digits, int lo, int hi, int minLen, int maxLen) {
        boolean accepts(String pan) {
            int prefix = Integer.parseInt(pan.substring(0, digits));
            return prefix >= lo && prefix <= hi && pan.length() >= minLen && pan.length() <= maxLen;
        }
    }

    private static final List<Range> RANGES = List.of(
            new Range("Visa", 1, 4, 4, 16, 16), new Range("Visa", 1, 4, 4, 19, 19),
            new Range("Mastercard", 2, 51, 55, 16, 16), new Range("Mastercard", 4, 2221, 2720, 16, 16),
            new Range("American Express", 2, 34, 34, 15, 15), new Range("American Express", 2, 37, 37, 15, 15),
            new Range("Discover", 4, 6011, 6011, 16, 19), new Range("Discover", 3, 644, 649, 16, 19),
            new Range("Discover", 2, 65, 65, 16, 19), new Range("Discover", 6, 622126, 622925, 16, 19),
            new Range("JCB", 4, 3528, 3589, 16, 19),
            new Range("Diners Club", 2, 36, 36, 14, 19), new Range("Diners Club", 3, 300, 305, 14, 19),
            new Range("Diners Club", 2, 38, 39, 16, 19),
            new Range("UnionPay", 2, 62, 62, 16, 19), new Range("UnionPay", 2, 81, 81, 16, 19),
            new Range("Maestro", 4, 5018, 5018, 12, 19), new Range("Maestro", 4, 5020, 5020, 12, 19),
            new Range("Maestro", 4, 5038, 5038, 12, 19), new Range("Maestro", 4, 5893, 5893, 12, 19),
            new Range("Maestro", 4, 6304, 6304, 12, 19), new Range("Maestro", 4, 6759, 6759, 12, 19),
            new Range("Maestro", 4, 6761, 6763, 12, 19),
            new Range("Mir", 4, 2200, 2204, 16, 19),
            new Range("RuPay", 2, 60, 60, 16, 16), new Range("RuPay", 3, 508, 508, 16, 16),
            new Range("RuPay", 2, 82, 82, 16, 16),
            new Range("Troy", 4, 9792, 9792, 16, 16),
            new Range("Verve", 6, 506099, 506198, 16, 19), new Range("Verve", 6, 650002, 650027, 16, 19),
            new Range("Dankort", 4, 5019, 5019, 16, 16));

    /** Whether some claimed network issues numbers with this prefix and length ({@code pan} is digits only). */
    static boolean accepts(String pan) {
        if (pan.length() < 12 || pan.length() > 19) {
            return false;
        }
        for (Range r : RANGES) {
            if (r.accepts(pan)) {
                return true;
            }
        }
        return false;
    }

    /** The networks of the table, for documentation and the benchmark corpus. */
    static List<String> networks() {
        return RANGES.stream().map(Range::network).distinct().toList();
    }
}
