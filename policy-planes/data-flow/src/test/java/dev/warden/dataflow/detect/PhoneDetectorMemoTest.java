package dev.warden.dataflow.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.spi.ScreenMemo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decision 0054: a streamed turn parses each phone candidate once, and finds exactly what a fresh scan finds. */
class PhoneDetectorMemoTest {
    static final List<String> TEXTS = List.of(
            "Your account DE89 3704 0044 0532 0130 00 shows three payments this week",
            "call +44 20 7946 0958 today, or 0044 20 7946 0958 from abroad",
            "phone (415) 555-0132 ext. 12 after five; order 4155550132 shipped",
            "dates 2026-12-01 and 01.12.2026 are not numbers, 020 7946 0958 is one",
            "no digits at all here");

    final PhoneDetector phones = new PhoneDetector("US", "GB");

    @Test
    void detection_with_a_memo_finds_exactly_what_detection_without_one_finds() {
        ScreenMemo memo = new ScreenMemo();
        for (int round = 0; round < 2; round++) { // the second round reads every window from the memo
            for (String text : TEXTS) {
                for (int from = 0; from < text.length(); from += 7) { // overlapping windows, as a stream's
                    String window = text.substring(from);
                    assertThat(phones.detect(window, memo)).as(window).isEqualTo(phones.detect(window));
                }
            }
        }
        assertThat(memo.size()).isPositive();
    }

    @Test
    void a_number_prepared_while_held_is_not_parsed_again_when_its_window_is_screened() {
        String held = "Your account DE89 3704 0044 0532 0130 00 shows three";
        ScreenMemo memo = new ScreenMemo();
        phones.prepare(held, memo);
        int parsed = memo.size();
        assertThat(parsed).isEqualTo(1);
        String released = held + " payments this week";
        assertThat(phones.detect(released, memo)).isEqualTo(phones.detect(released));
        assertThat(memo.size()).isEqualTo(parsed);
    }

    @Test
    void a_number_still_open_at_the_end_of_held_text_is_not_prepared() {
        ScreenMemo memo = new ScreenMemo();
        phones.prepare("call me on (415) 555-01", memo);
        phones.prepare("call me on (415) 555-0132 x", memo); // an extension may follow
        assertThat(memo.size()).isZero();
    }

    @Test
    void the_suite_prepares_through_its_detectors_and_scans_the_same_with_or_without_the_memo() {
        DetectorSuite suite = DetectorSuite.builder().withDefaults().phoneRegions(List.of("US", "GB")).build();
        ScreenMemo memo = new ScreenMemo();
        for (String text : TEXTS) {
            suite.prepare(text, memo);
            assertThat(suite.scan(text, memo)).as(text).isEqualTo(suite.scan(text));
        }
        assertThat(memo.size()).isPositive();
    }
}
