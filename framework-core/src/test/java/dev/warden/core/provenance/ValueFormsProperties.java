package dev.warden.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** No fragment, empty value or re-formatted number of the user's text counts as user-provided unless it is whole. */
class ValueFormsProperties {
    final ProvenanceTracker tracker = new ProvenanceTracker(Clock.systemUTC());

    @Property
    void a_proper_fragment_of_a_typed_word_is_not_user_provided(@ForAll @AlphaChars @StringLength(min = 8, max = 20)
            String word, @ForAll @IntRange(min = 1, max = 6) int cut) {
        String fragment = word.substring(0, word.length() - cut);
        Assume.that(!"please set my street to today".contains(fragment.toLowerCase(java.util.Locale.ROOT)));
        String user = "Please set my street to " + word + " today";
        assertThat(tracker.trace(null, user, Map.of("street", fragment)).get("street").kind())
                .isNotEqualTo(Provenance.Kind.USER);
        assertThat(tracker.trace(null, user, Map.of("street", word)).get("street").kind())
                .isEqualTo(Provenance.Kind.USER);
    }

    @Property
    void a_digit_group_inside_a_longer_number_or_date_is_not_user_provided(
            @ForAll @IntRange(min = 2000, max = 2099) int year, @ForAll @IntRange(min = 1, max = 12) int month,
            @ForAll @IntRange(min = 1, max = 28) int day) {
        String user = String.format("What did I pay on %d-%02d-%02d?", year, month, day);
        for (int n : new int[] {year, month, day}) {
            assertThat(tracker.trace(null, user, Map.of("amount", n)).get("amount").kind())
                    .isNotEqualTo(Provenance.Kind.USER);
        }
    }

    @Property
    void a_typed_amount_is_user_provided_however_it_is_written(@ForAll @IntRange(min = 1, max = 99999) int cents) {
        Assume.that(cents % 100 != 0);
        String written = String.format("%d.%02d", cents / 100, cents % 100);
        String user = "Send " + written + " EUR to my landlord";
        assertThat(tracker.trace(null, user, Map.of("amount", cents / 100.0)).get("amount").kind())
                .isEqualTo(Provenance.Kind.USER);
    }

    @Property
    void an_empty_or_blank_value_is_never_user_provided(@ForAll @StringLength(max = 3) String blank) {
        String value = blank.replaceAll("\\S", " ");
        assertThat(tracker.trace(null, "Update my street and city " + value, Map.of("street", value)).get("street")
                .kind()).isNotEqualTo(Provenance.Kind.USER);
    }
}
