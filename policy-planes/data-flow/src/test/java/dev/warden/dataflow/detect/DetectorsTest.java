package dev.warden.dataflow.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorsTest {
    final DetectorSuite suite = DetectorSuite.defaults();

    List<String> kinds(String text) {
        return suite.scan(text).findings().stream().map(Finding::kind).toList();
    }

    @Test
    void iban_needs_country_length_and_mod97() {
        assertThat(kinds("pay DE89 3704 0044 0532 0130 00 now")).containsExactly(SensitiveKinds.IBAN);
        assertThat(kinds("pay DE89370400440532013000.")).containsExactly(SensitiveKinds.IBAN);
        assertThat(kinds("pay DE89 3704 0044 0532 0130 01 now")).isEmpty();
        assertThat(kinds("pay DE89 3704 0044 0532 0130 0")).isEmpty();
        assertThat(kinds("pay gb82west12345698765432 now")).containsExactly(SensitiveKinds.IBAN);
    }

    @Test
    void iban_span_stops_at_the_country_length() {
        String text = "IBAN DE89 3704 0044 0532 0130 00 ABCD";
        Finding f = suite.scan(text).findings().get(0);
        assertThat(f.valueIn(text)).isEqualTo("DE89 3704 0044 0532 0130 00");
    }

    @Test
    void cards_need_luhn_and_an_issuer_range() {
        assertThat(kinds("card 4111 1111 1111 1111")).containsExactly(SensitiveKinds.PAYMENT_CARD);
        assertThat(kinds("card 4111 1111 1111 1112")).isEmpty();
        assertThat(kinds("card 9111 1111 1111 1113")).isEmpty();
        assertThat(kinds("card 4111 1111-1111 1111")).isEmpty();
        assertThat(kinds("your order number 4111111111111111 shipped")).isEmpty();
        assertThat(kinds("amex 3782 822463 10005")).containsExactly(SensitiveKinds.PAYMENT_CARD);
    }

    @Test
    void national_ids_follow_their_structural_rules() {
        assertThat(kinds("SSN 123-45-6789")).containsExactly(SensitiveKinds.US_SSN);
        assertThat(kinds("SSN 666-45-6789, 000-12-3456, 123-00-4567, 078-05-1120")).isEmpty();
        assertThat(kinds("NINO AB123456C")).containsExactly(SensitiveKinds.UK_NINO);
        assertThat(kinds("NINO GB123456C, QQ123456C, AB123456E")).isEmpty();
        assertThat(kinds("BSN: 111222333.")).containsExactly(SensitiveKinds.NL_BSN);
        assertThat(kinds("BSN: 111222334.")).isEmpty();
    }

    @Test
    void secrets_private_keys_and_jwts() {
        assertThat(kinds("key AKIAIOSFODNN7EXAMPLE")).containsExactly(SensitiveKinds.API_KEY);
        assertThat(kinds("ghp_" + "a".repeat(18) + "B1".repeat(9))).containsExactly(SensitiveKinds.API_KEY);
        assertThat(kinds("commit 3f2a9c1d4e5b6a7980f1e2d3c4b5a69788f7e6d5")).isEmpty();
        assertThat(kinds("-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBase64==\n-----END EC PRIVATE KEY-----"))
                .containsExactly(SensitiveKinds.PRIVATE_KEY);
        assertThat(kinds("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----"))
                .isEmpty();
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl";
        assertThat(kinds("Bearer " + jwt)).containsExactly(SensitiveKinds.JWT);
        assertThat(kinds("eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxMjMifQ.c2ln")).isEmpty(); // header without alg
    }

    @Test
    void phone_numbers_are_validated_by_libphonenumber() {
        assertThat(kinds("call +44 20 7946 0958 today")).containsExactly(SensitiveKinds.PHONE);
        assertThat(kinds("version 10.2.3345 released 2024-03-15")).isEmpty();
    }
}
