package dev.warden.bench.corpus;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.iban4j.CountryCode;
import org.iban4j.Iban;

/**
 * Values drawn from registries and specifications, never from the detectors' own tables: IBANs from iban4j (a second
 * implementation of the SWIFT registry) and the registry's published example IBANs, card numbers from the networks'
 * published IIN ranges, phone numbers from libphonenumber's example numbers per region.
 */
final class RegistryValues {
    /** Countries and territories of the SWIFT IBAN registry (release of 2025). */
    static final List<String> REGISTRY = List.of("AD", "AE", "AL", "AT", "AZ", "BA", "BE", "BG", "BH", "BI", "BR",
            "BY", "CH", "CR", "CY", "CZ", "DE", "DJ", "DK", "DO", "EE", "EG", "ES", "FI", "FK", "FO", "FR", "GB", "GE",
            "GI", "GL", "GR", "GT", "HN", "HR", "HU", "IE", "IL", "IQ", "IS", "IT", "JO", "KW", "KZ", "LB", "LC", "LI",
            "LT", "LU", "LV", "LY", "MC", "MD", "ME", "MK", "MN", "MR", "MT", "MU", "NI", "NL", "NO", "OM", "PK", "PL",
            "PS", "PT", "QA", "RO", "RS", "RU", "SA", "SC", "SD", "SE", "SI", "SK", "SM", "SO", "ST", "SV", "TL", "TN",
            "TR", "UA", "VA", "VG", "XK", "YE", "AX", "GF", "GP", "MQ", "RE", "IM", "JE", "GG");

    /** The registry's example IBANs of the countries iban4j does not know yet; their BBANs are re-drawn. */
    static final List<String> REGISTRY_EXAMPLES = List.of("MN121234123456789123", "NI45BAPR00000013000003558124",
            "SO211000001001000100141", "FK88SC123456789012", "YE15CBYE0001018861234567891234",
            "HN88CABF00000000000250005469");

    /** Regions whose phone numbers the corpus holds (international forms). */
    static final List<String> PHONE_REGIONS = List.of("US", "GB", "DE", "FR", "NL", "ES", "IT", "IN", "BR", "JP",
            "CN", "AU", "CA", "MX", "ZA", "NG", "SE", "CH", "PL", "SG");

    private final Random rnd;

    RegistryValues(Random rnd) {
        this.rnd = rnd;
    }

    <T> T pick(List<T> values) {
        return values.get(rnd.nextInt(values.size()));
    }

    String digits(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + rnd.nextInt(10)));
        }
        return sb.toString();
    }

    // ---- IBAN

    /** A valid compact IBAN of {@code country}. */
    String iban(String country) {
        CountryCode cc = CountryCode.getByCode(country);
        if (cc != null && org.iban4j.IbanUtil.isSupportedCountry(cc)) {
            for (int attempt = 0; attempt < 20; attempt++) {
                try {
                    return new Iban.Builder(rnd).countryCode(cc).buildRandom().toString();
                } catch (RuntimeException retry) {
                    // some national check-digit rules reject a random BBAN; draw again
                }
            }
        }
        String example = REGISTRY_EXAMPLES.stream().filter(e -> e.startsWith(country)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no IBAN source for " + country));
        StringBuilder bban = new StringBuilder();
        for (char c : example.substring(4).toCharArray()) {
            bban.append(Character.isDigit(c) ? (char) ('0' + rnd.nextInt(10)) : (char) ('A' + rnd.nextInt(26)));
        }
        return withCheckDigits(country, bban.toString());
    }

    /** ISO 7064 mod 97-10 check digits. */
    static String withCheckDigits(String country, String bban) {
        StringBuilder numeric = new StringBuilder();
        for (char ch : (bban + country + "00").toCharArray()) {
            numeric.append(Character.isDigit(ch) ? String.valueOf(ch) : String.valueOf(ch - 'A' + 10));
        }
        int check = 98 - new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
        return country + String.format("%02d", check) + bban;
    }

    static String grouped(String compact, String separator, int size) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < compact.length(); i += size) {
            if (i > 0) {
                sb.append(separator);
            }
            sb.append(compact, i, Math.min(compact.length(), i + size));
        }
        return sb.toString();
    }

    // ---- payment cards (ISO/IEC 7812 IIN ranges as the networks publish them)

    record Network(String name, List<String> prefixes, List<Integer> lengths) {}

    static final List<Network> NETWORKS = List.of(
            new Network("visa", List.of("4"), List.of(16, 16, 16, 19)),
            new Network("mastercard", List.of("51", "52", "53", "54", "55", "2221", "2300", "2720", "2699"),
                    List.of(16)),
            new Network("amex", List.of("34", "37"), List.of(15)),
            new Network("discover", List.of("6011", "644", "649", "65"), List.of(16, 19)),
            new Network("jcb", List.of("3528", "3540", "3589"), List.of(16)),
            new Network("diners", List.of("36", "38", "39", "300", "305"), List.of(14, 16)),
            new Network("unionpay", List.of("62"), List.of(16, 17, 18, 19)),
            new Network("maestro", List.of("5018", "5020", "5038", "6304", "6759", "6761"), List.of(16, 19)),
            new Network("mir", List.of("2200", "2201", "2202", "2203", "2204"), List.of(16)));

    /** A Luhn-valid number of the network; Diners' 36 range is 14 digits, its other ranges 16. */
    String card(Network n) {
        String prefix = pick(n.prefixes());
        int len = n.name().equals("diners") ? (prefix.equals("36") ? 14 : 16) : pick(n.lengths());
        return withLuhn(prefix + digits(len - prefix.length() - 1));
    }

    static String withLuhn(String body) {
        for (int d = 0; d < 10; d++) {
            if (luhn(body + d)) {
                return body + d;
            }
        }
        throw new IllegalStateException(body);
    }

    static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
        }
        return sum % 10 == 0;
    }

    /** How a card is printed: 4-6-5 (15 digits), 4-6-4 (14), groups of four otherwise. */
    static String cardLayout(String pan, String sep) {
        if (pan.length() == 15) {
            return pan.substring(0, 4) + sep + pan.substring(4, 10) + sep + pan.substring(10);
        }
        if (pan.length() == 14) {
            return pan.substring(0, 4) + sep + pan.substring(4, 10) + sep + pan.substring(10);
        }
        return grouped(pan, sep, 4);
    }

    // ---- phone numbers (libphonenumber's example numbers, last digits re-drawn while the number stays valid)

    PhoneNumber phone(String region) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        PhoneNumberType type = rnd.nextBoolean() ? PhoneNumberType.MOBILE : PhoneNumberType.FIXED_LINE;
        PhoneNumber example = util.getExampleNumberForType(region, type);
        if (example == null) {
            example = util.getExampleNumber(region);
        }
        String national = String.valueOf(example.getNationalNumber());
        for (int attempt = 0; attempt < 50; attempt++) {
            String candidate = national.substring(0, national.length() - 4) + digits(4);
            PhoneNumber n = new PhoneNumber().mergeFrom(example)
                    .setNationalNumber(Long.parseLong(candidate));
            if (util.isValidNumber(n)) {
                return n;
            }
        }
        return example;
    }

    static String format(PhoneNumber n, PhoneNumberFormat f) {
        return PhoneNumberUtil.getInstance().format(n, f);
    }
}
