package dev.warden.dataflow.corpus;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/** Generators of real-looking sensitive values and their near misses; all deterministic given the {@link Random}. */
final class Values {
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private final Random rnd;

    Values(Random rnd) {
        this.rnd = rnd;
    }

    <T> T pick(List<T> values) {
        return values.get(rnd.nextInt(values.size()));
    }

    int between(int lo, int hi) {
        return lo + rnd.nextInt(hi - lo + 1);
    }

    String digits(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + rnd.nextInt(10)));
        }
        return sb.toString();
    }

    String chars(String alphabet, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    String alnum(int n) {
        return chars(ALNUM, n);
    }

    // ---- IBAN
    record Country(String code, String bankLetters, int bbanDigits) {}

    static final List<Country> IBAN_COUNTRIES = List.of(new Country("DE", "", 18), new Country("GB", "4", 14),
            new Country("NL", "4", 10), new Country("FR", "", 23), new Country("ES", "", 20),
            new Country("IT", "1", 22), new Country("BE", "", 12), new Country("AT", "", 16),
            new Country("CH", "", 17), new Country("PL", "", 24), new Country("IE", "4", 14),
            new Country("NO", "", 11));

    String iban() {
        Country c = pick(IBAN_COUNTRIES);
        int letters = c.bankLetters().isEmpty() ? 0 : Integer.parseInt(c.bankLetters());
        String bban = chars(UPPER, letters) + digits(c.bbanDigits());
        return withCheckDigits(c.code(), bban);
    }

    static String withCheckDigits(String country, String bban) {
        String rearranged = bban + country + "00";
        StringBuilder numeric = new StringBuilder();
        for (char ch : rearranged.toCharArray()) {
            numeric.append(Character.isDigit(ch) ? String.valueOf(ch) : String.valueOf(ch - 'A' + 10));
        }
        int check = 98 - new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
        return country + String.format("%02d", check) + bban;
    }

    static String groupsOf4(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i += 4) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(s, i, Math.min(s.length(), i + 4));
        }
        return sb.toString();
    }

    /** Changes one digit after the country code so that the checksum fails. */
    String breakOneDigit(String s, int from) {
        char[] cs = s.toCharArray();
        while (true) {
            int i = from + rnd.nextInt(cs.length - from);
            if (Character.isDigit(cs[i])) {
                cs[i] = (char) ('0' + (cs[i] - '0' + 1 + rnd.nextInt(8)) % 10);
                return new String(cs);
            }
        }
    }

    // ---- payment cards
    static final List<String> CARD_PREFIXES = List.of("4", "4", "51", "53", "55", "2221", "2720", "34", "37", "6011",
            "65", "3530", "36");

    String card() {
        String prefix = pick(CARD_PREFIXES);
        int len = prefix.startsWith("3") && (prefix.equals("34") || prefix.equals("37")) ? 15
                : prefix.equals("36") ? 14 : 16;
        return withLuhn(prefix + digits(len - prefix.length() - 1));
    }

    static String withLuhn(String body) {
        for (int d = 0; d < 10; d++) {
            if (dev.warden.dataflow.detect.Checksums.luhn(body + d)) {
                return body + d;
            }
        }
        throw new IllegalStateException();
    }

    static String grouped(String digits, char sep) {
        if (digits.length() == 15) {
            return digits.substring(0, 4) + sep + digits.substring(4, 10) + sep + digits.substring(10);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 4) {
            if (i > 0) {
                sb.append(sep);
            }
            sb.append(digits, i, Math.min(digits.length(), i + 4));
        }
        return sb.toString();
    }

    // ---- national ids
    String ssn() {
        int area;
        do {
            area = between(1, 899);
        } while (area == 666);
        return String.format("%03d-%02d-%04d", area, between(1, 99), between(1, 9999));
    }

    static final String NINO_FIRST = "ABCEGHJKLMNOPRSTWXYZ";
    static final String NINO_SECOND = "ABCEGHJKLMNPRSTWXYZ";

    String nino() {
        String prefix;
        do {
            prefix = chars(NINO_FIRST, 1) + chars(NINO_SECOND, 1);
        } while (List.of("BG", "GB", "NK", "KN", "TN", "NT", "ZZ").contains(prefix));
        return prefix + digits(6) + chars("ABCD", 1);
    }

    String bsn(boolean valid) {
        while (true) {
            String d = between(1, 9) + digits(8);
            if (dev.warden.dataflow.detect.Checksums.dutchElevenTest(d) == valid) {
                return d;
            }
        }
    }

    // ---- credentials
    String jwt(boolean withAlg) {
        String header = withAlg ? "{\"alg\":\"" + pick(List.of("HS256", "RS256", "ES256")) + "\",\"typ\":\"JWT\"}"
                : "{\"typ\":\"JWT\",\"kid\":\"" + alnum(8) + "\"}";
        String payload = "{\"sub\":\"" + digits(8) + "\",\"name\":\"" + pick(Names.FIRST) + "\",\"iat\":"
                + (1700000000 + rnd.nextInt(50000000)) + "}";
        return b64url(header) + "." + b64url(payload) + "." + chars(ALNUM + "-_", 43);
    }

    static String b64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    String pem(String type) {
        StringBuilder sb = new StringBuilder("-----BEGIN " + type + "-----\n");
        int lines = between(4, 9);
        for (int i = 0; i < lines; i++) {
            sb.append(chars(ALNUM + "+/", 64)).append('\n');
        }
        sb.append(chars(ALNUM + "+/", between(8, 60))).append("==\n");
        return sb.append("-----END ").append(type).append("-----").toString();
    }
}
