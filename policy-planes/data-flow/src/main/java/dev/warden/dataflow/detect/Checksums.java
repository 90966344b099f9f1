package dev.warden.dataflow.detect;

import java.math.BigInteger;

/** Check-digit algorithms used by the detectors. Inputs are already stripped of separators. */
public final class Checksums {
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private Checksums() {}

    /** Luhn (mod 10) over a string of digits, as used by payment cards. */
    public static boolean luhn(CharSequence digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            int d = c - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return digits.length() > 1 && sum % 10 == 0;
    }

    /** ISO 13616 / ISO 7064 mod 97-10 over a compact, upper-case IBAN: valid when the remainder is 1. */
    public static boolean ibanMod97(String iban) {
        if (iban.length() < 5) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder numeric = new StringBuilder(rearranged.length() * 2);
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            if (c >= '0' && c <= '9') {
                numeric.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                numeric.append(c - 'A' + 10);
            } else {
                return false;
            }
        }
        return new BigInteger(numeric.toString()).mod(NINETY_SEVEN).intValue() == 1;
    }

    /** The Dutch "11-test" of a 9-digit BSN: weights 9..2 and -1 for the last digit, sum divisible by 11. */
    public static boolean dutchElevenTest(CharSequence digits) {
        if (digits.length() != 9) {
            return false;
        }
        int sum = 0;
        boolean allZero = true;
        for (int i = 0; i < 9; i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            int d = c - '0';
            allZero &= d == 0;
            sum += i == 8 ? -d : (9 - i) * d;
        }
        return !allZero && sum % 11 == 0;
    }
}
