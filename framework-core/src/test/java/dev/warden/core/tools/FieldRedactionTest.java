package dev.warden.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldRedactionTest {
    static final Map<String, String> TAX = Map.of("tax_id", "[withheld: RESTRICTED/PII]");

    @Test
    void replaces_the_named_field_in_every_item_and_keeps_the_rest() {
        String out = FieldRedaction.redact("[{\"Name\":\"Ada\",\"TAX_ID\":\"111-22-3333\"},"
                + "{\"name\":\"Bo\",\"tax_id\":\"444-55-6666\"}]", TAX);
        assertThat(out).doesNotContain("111-22-3333").doesNotContain("444-55-6666").contains("Ada", "Bo")
                .contains("\"TAX_ID\":\"[withheld: RESTRICTED/PII]\"");
    }

    @Test
    void replaces_a_nested_object_whole() {
        String out = FieldRedaction.redact("{\"name\":\"Ada\",\"tax_id\":{\"us\":\"111-22-3333\",\"issued\":1987}}", TAX);
        assertThat(out).isEqualTo("{\"name\":\"Ada\",\"tax_id\":\"[withheld: RESTRICTED/PII]\"}");
    }

    @Test
    void a_value_that_also_appears_elsewhere_gives_up() {
        assertThat(FieldRedaction.redact("{\"note\":\"id 111-22-3333\",\"tax_id\":\"111-22-3333\"}", TAX)).isNull();
        assertThat(FieldRedaction.redact("{\"111-22-3333\":1,\"tax_id\":\"111-22-3333\"}", TAX)).isNull();
        // JSON-escaped elsewhere
        assertThat(FieldRedaction.redact("{\"note\":\"a\\\"b\",\"tax_id\":\"a\\\"b\"}", TAX)).isNull();
    }

    @Test
    void what_is_not_one_json_container_gives_up() {
        assertThat(FieldRedaction.redact("tax_id=111-22-3333", TAX)).isNull();
        assertThat(FieldRedaction.redact("\"111-22-3333\"", TAX)).isNull();
        assertThat(FieldRedaction.redact("{\"tax_id\":\"1\"} {\"tax_id\":\"111-22-3333\"}", TAX)).isNull();
        assertThat(FieldRedaction.redact("{\"tax_id\":\"111-22-3333\"", TAX)).isNull();
        assertThat(FieldRedaction.redact(null, TAX)).isNull();
    }

    @Test
    void a_duplicate_key_gives_up() {
        assertThat(FieldRedaction.redact("{\"tax_id\":\"x\",\"tax_id\":\"111-22-3333\"}", TAX)).isNull();
    }

    @Test
    void no_matching_field_gives_up() {
        assertThat(FieldRedaction.redact("{\"name\":\"Ada\"}", TAX)).isNull();
    }

    @Test
    void a_requested_field_the_json_does_not_hold_gives_up() {
        // declared {ssn, balance} but the JSON spells current_balance (review13 L1): the balance is not withheld
        Map<String, String> both = Map.of("ssn", "[w]", "balance", "[w]");
        assertThat(FieldRedaction.redact("{\"ssn\":\"078-05-1120\",\"current_balance\":98123.45}", both)).isNull();
        assertThat(FieldRedaction.redact("{\"ssn\":\"078-05-1120\",\"Balance\":98123.45}", both))
                .isEqualTo("{\"ssn\":\"[w]\",\"Balance\":\"[w]\"}");
    }

    @Test
    void the_withheld_value_in_another_shape_elsewhere_gives_up() {
        String field = ",\"tax_id\":\"536-22-8741\"}";
        assertThat(FieldRedaction.redact("{\"note\":\"536 22 8741\"" + field, TAX)).isNull();
        assertThat(FieldRedaction.redact("{\"parts\":[\"536-22\",\"8741\"]" + field, TAX)).isNull();
        assertThat(FieldRedaction.redact("{\"note\":\"\uFF15\uFF13\uFF16.22.8741\"" + field, TAX)).isNull();
        assertThat(FieldRedaction.redact("{\"note\":\"ab 12 34 56 c\",\"tax_id\":\"AB123456C\"}", TAX)).isNull();
        // a short value is looked for as it is only: too many texts hold its letters and digits by chance
        assertThat(FieldRedaction.redact("{\"note\":\"a-1\",\"tax_id\":\"A1\"}", TAX)).isNotNull();
    }

    @Test
    void the_withheld_value_percent_or_entity_encoded_elsewhere_gives_up() {
        Map<String, String> email = Map.of("email", "[w]");
        String field = ",\"email\":\"bob.smith@acme.com\"}";
        for (String elsewhere : new String[] {"https://crm/u?e=bob.smith%40acme.com", "bob.smith&#64;acme.com",
                "bob.smith&#x40;acme.com", "%62%6f%62.smith@acme.com"}) {
            assertThat(FieldRedaction.redact("{\"profile\":\"" + elsewhere + "\"" + field, email)).as(elsewhere)
                    .isNull();
        }
        assertThat(FieldRedaction.redact("{\"profile\":\"https://crm/u?id=7%20x\"" + field, email)).isNotNull();
    }

    @Test
    void a_withheld_number_is_compared_in_its_plain_form() {
        Map<String, String> salary = Map.of("salary", "[w]");
        // Jackson reads 1e7 as 1.0E7 and 95000.0 as 95000.0; the notes spell them plain
        assertThat(FieldRedaction.redact("{\"salary\":1e7,\"notes\":\"raise to 10000000\"}", salary)).isNull();
        assertThat(FieldRedaction.redact("{\"salary\":95000.0,\"notes\":\"raise to 95000\"}", salary)).isNull();
        assertThat(FieldRedaction.redact("{\"salary\":95000.0,\"notes\":\"raise approved\"}", salary))
                .isEqualTo("{\"salary\":\"[w]\",\"notes\":\"raise approved\"}");
    }

    @Test
    void the_withheld_value_grouped_quoted_printable_or_named_entity_encoded_elsewhere_gives_up() {
        // review13 M1 (rest): the text is read as a reader reads it, with every layer of escapes written out and the
        // grouping of numbers taken away; no case per spelling
        Map<String, String> salary = Map.of("salary", "[w]");
        for (String notes : new String[] {"raise to 95,000", "raise to 95 000", "raise to 95.000", "raise to 95'000",
                "raise to 95\u202f000", "raise to 95&nbsp;000", "raise to 95&#x2c;000", "raise to 95=2C000",
                "raise to 95%2C000"}) {
            assertThat(FieldRedaction.redact("{\"salary\":95000,\"notes\":\"" + notes + "\"}", salary)).as(notes)
                    .isNull();
        }
        String field = ",\"tax_id\":\"536-22-8741\"}";
        for (String note : new String[] {"536=2D22=2D8741", "536=\\n-22-8741", "536&hyphen;22&hyphen;8741",
                "536&amp;#45;22&amp;#45;8741", "536%26%2345%3B22%26%2345%3B8741"}) {
            assertThat(FieldRedaction.redact("{\"note\":\"" + note + "\"" + field, TAX)).as(note).isNull();
        }
        Map<String, String> email = Map.of("email", "[w]");
        assertThat(FieldRedaction.redact("{\"p\":\"bob.smith&commat;acme.com\",\"email\":\"bob.smith@acme.com\"}",
                email)).isNull();
        assertThat(FieldRedaction.redact("{\"p\":\"bob.smith=40acme.com\",\"email\":\"bob.smith@acme.com\"}",
                email)).isNull();
        Map<String, String> firm = Map.of("firm", "[w]");
        assertThat(FieldRedaction.redact("{\"p\":\"Smith &amp; Jones\",\"firm\":\"Smith & Jones\"}", firm)).isNull();
    }

    @Test
    void a_short_withheld_value_is_looked_for_within_one_word_or_number_only() {
        Map<String, String> salary = Map.of("salary", "[w]");
        assertThat(FieldRedaction.redact("{\"salary\":95000,\"notes\":\"raise to 96,000 in 2027\"}", salary))
                .isEqualTo("{\"salary\":\"[w]\",\"notes\":\"raise to 96,000 in 2027\"}");
        // the digits of two numbers that only a separator list joins are not one number
        assertThat(FieldRedaction.redact("{\"salary\":95000,\"ids\":[9,5,0,0,0]}", salary)).isNotNull();
    }

    @Test
    void split_names_every_value_taken_out_by_field() {
        FieldRedaction.Split s = FieldRedaction.split("{\"a\":{\"Tax_Id\":{\"us\":\"111-22-3333\"}},"
                + "\"tax_id\":[\"x\",null]}", Map.of("tax_id", "[w]"));
        assertThat(s.text()).isEqualTo("{\"a\":{\"Tax_Id\":\"[w]\"},\"tax_id\":\"[w]\"}");
        assertThat(s.removed()).containsOnlyKeys("tax_id");
        assertThat(s.removed().get("tax_id")).containsExactly("us", "111-22-3333", "x");
    }
}
