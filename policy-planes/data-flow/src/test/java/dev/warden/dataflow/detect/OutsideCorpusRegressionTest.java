package dev.warden.dataflow.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The defects an outside evaluator found with a corpus the project did not write (issue 22), one test each: what is
 * found must be found with its exact span, what is not sensitive must not be reported at the default threshold.
 */
class OutsideCorpusRegressionTest {
    final DetectorSuite suite = DetectorSuite.defaults();

    /** The findings as "KIND:span text". */
    List<String> found(DetectorSuite s, String text) {
        return s.scan(text).findings().stream().map(f -> f.kind() + ":" + f.valueIn(text)).toList();
    }

    List<String> found(String text) {
        return found(suite, text);
    }

    /** The SWIFT registry's example IBANs of the countries added since 2020. */
    @ParameterizedTest
    @ValueSource(strings = {"RU0304452522540817810538091310419", "LY83002048000020100120361",
        "OM810180000001299123456", "MN121234123456789123", "SD2129010501234001", "NI45BAPR00000013000003558124",
        "SO211000001001000100141", "BI4210000100010000332045181", "DJ2100010000000154000100186",
        "FK88SC123456789012", "YE15CBYE0001018861234567891234", "HN88CABF00000000000250005469"})
    void ibans_of_countries_added_to_the_registry_since_2020_are_found(String iban) {
        assertThat(found("Beneficiary account " + iban + ", please confirm.")).containsExactly("IBAN:" + iban);
        String grouped = iban.replaceAll("(.{4})(?!$)", "$1 ");
        assertThat(found("IBAN: " + grouped)).containsExactly("IBAN:" + grouped);
    }

    @Test
    void iban_printed_with_no_break_spaces_or_dashes_is_found() {
        for (String sep : List.of("\u00A0", "\u202F", "-")) {
            String iban = String.join(sep, "DE89", "3704", "0044", "0532", "0130", "00");
            assertThat(found("Pay to " + iban + " by Friday.")).as(sep).containsExactly("IBAN:" + iban);
        }
        assertThat(found("Pay to DE89 3704-0044 0532 0130 00.")).as("mixed separators").isEmpty();
    }

    @Test
    void card_followed_by_its_expiry_is_found_without_the_date() {
        assertThat(found("Visa 4111 1111 1111 1111 12/26, CVV 123"))
                .containsExactly("PAYMENT_CARD:4111 1111 1111 1111");
        assertThat(found("card 5555555555554444 09/2027")).containsExactly("PAYMENT_CARD:5555555555554444");
        assertThat(found("numbers 4111 1111 1111 1111 1111 in groups")).as("20 digits in fours").isEmpty();
    }

    @Test
    void keyword_inside_a_longer_word_does_not_make_a_phone() {
        // the 40-character keyword window before the number starts inside "recall" / "Hotel"
        String recall = "Product recall" + String.format("%-36s", " notice, stores affected, batch") + "4586931053";
        assertThat(recall.indexOf("4586931053") - recall.indexOf("call")).isEqualTo(40);
        assertThat(found(recall)).isEmpty();
        String hotel = "Hotel" + String.format("%-37s", " Astoria, two nights, booking") + "2125550143";
        assertThat(hotel.indexOf("2125550143") - hotel.indexOf("tel")).isEqualTo(40);
        assertThat(found(hotel)).isEmpty();
        assertThat(found("Please call 2125550143 tomorrow.")).containsExactly("PHONE:2125550143");
    }

    @Test
    void luhn_valid_number_after_a_neutral_word_is_not_a_card() {
        // Luhn-valid and in the Visa / Mastercard ranges, but nothing says "card"
        assertThat(found("Reference 4556737586899855 was archived.")).isEmpty();
        assertThat(found("Parcel 5105105105105100 left the depot.")).isEmpty();
        assertThat(found("Paid with card 4556737586899855 yesterday.")).containsExactly(
                "PAYMENT_CARD:4556737586899855");
    }

    @Test
    void ean13_barcode_is_not_a_card() {
        // valid EAN-13 check digits, Luhn-valid too, 13 digits starting with 4 (once a Visa length)
        assertThat(found("EAN 4002870498112 on the box")).isEmpty();
        assertThat(found("scanned 4000206780443 at the till")).isEmpty();
    }

    @Test
    void image_name_with_a_resolution_suffix_is_not_an_email() {
        assertThat(found("<img src=\"logo@2x.png\"> and icon@3x.jpg")).isEmpty();
        assertThat(found("Write to jane.doe@example.com")).containsExactly("EMAIL:jane.doe@example.com");
    }

    @Test
    void part_and_lot_numbers_are_not_ssns() {
        assertThat(found("Part no. 123-45-6789 is back-ordered.")).isEmpty();
        assertThat(found("Lot 234-56-7890 failed inspection.")).isEmpty();
        assertThat(found("SSN 123-45-6789 on the form.")).containsExactly("US_SSN:123-45-6789");
    }

    @Test
    void uuid_after_token_refresh_failed_is_not_a_secret() {
        assertThat(found("WARN Token refresh failed for request 3f2a9c1d-4e5b-4a79-80f1-e2d3c4b5a697, retrying"))
                .isEmpty();
        assertThat(found("token=3f2a9c1d-4e5b-4a79-80f1-e2d3c4b5a697"))
                .containsExactly("SECRET:3f2a9c1d-4e5b-4a79-80f1-e2d3c4b5a697");
    }

    @Test
    void password_in_a_url_is_a_secret_not_an_email() {
        assertThat(found("DATABASE_URL=postgres://app:Tr0ub4dor3xq@db.internal:5432/orders"))
                .containsExactly("SECRET:Tr0ub4dor3xq");
        assertThat(found("see https://deploy:hunter2@ci.example.com/job/7")).containsExactly("SECRET:hunter2");
        assertThat(found("postgres://app:${DB_PASSWORD}@db.internal/orders")).isEmpty();
        assertThat(found("mailto:jane.doe@example.com")).containsExactly("EMAIL:jane.doe@example.com");
    }

    @Test
    void pgp_and_putty_private_keys_are_found() {
        String pgp = "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBGVxA2gBCADJ3mK9xQ1z\n=Ab3d\n"
                + "-----END PGP PRIVATE KEY BLOCK-----";
        assertThat(found("backup:\n" + pgp + "\nthanks")).containsExactly("PRIVATE_KEY:" + pgp);
        String putty = "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: eddsa-key-20261204\n"
                + "Public-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIOdr0a3Vb9p\nVb9pQx\nPrivate-Lines: 1\n"
                + "AAAAIGx7yQ2mZ4Vw0c\nPrivate-MAC: 6f3c1a9b8e7d2c4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f";
        assertThat(found("my key:\n" + putty + "\n")).containsExactly("PRIVATE_KEY:" + putty);
        assertThat(found("-----BEGIN PGP PUBLIC KEY BLOCK-----\nmQENBF\n-----END PGP PUBLIC KEY BLOCK-----"))
                .isEmpty();
    }

    @Test
    void azure_client_secret_is_found() {
        String secret = "Xqa8Q~" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3.";
        assertThat(secret).hasSize(40);
        assertThat(found("AZURE_CLIENT_SECRET=" + secret)).containsExactly("API_KEY:" + secret);
    }

    @Test
    void national_format_phones_of_the_configured_regions_and_00_prefixes_are_found() {
        assertThat(found("Ring (415) 555-0132 when you land.")).containsExactly("PHONE:(415) 555-0132");
        assertThat(found("Our London office: 0044 20 7946 0958.")).containsExactly("PHONE:0044 20 7946 0958");
        DetectorSuite europe = DetectorSuite.builder().phoneRegions(List.of("GB", "DE")).withDefaults().build();
        assertThat(found(europe, "Ring 020 7946 0958 when you land.")).containsExactly("PHONE:020 7946 0958");
        assertThat(found(europe, "Büro: 030 901820")).containsExactly("PHONE:030 901820");
    }

    @Test
    void lowercase_nino_is_found() {
        assertThat(found("ni number ab123456c on file")).containsExactly("UK_NINO:ab123456c");
        assertThat(found("ni number Ab123456c on file")).as("mixed case").isEmpty();
    }

    @Test
    void spaced_ssn_after_an_ssn_keyword_is_found() {
        assertThat(found("SSN: 123 45 6789")).containsExactly("US_SSN:123 45 6789");
        assertThat(found("Table 123 45 6789 rows")).isEmpty();
    }
}
