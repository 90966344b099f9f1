package dev.warden.core.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.Basis;
import dev.warden.core.Decision;
import dev.warden.spi.OutputScreen.Screening;
import dev.warden.spi.OutputScreen.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HoldBackWindowTest {
    static final Pattern CODE = Pattern.compile("SECRET-\\d{4}");
    static final TextScreens REDACT_CODES = text -> {
        List<Span> spans = new ArrayList<>();
        Matcher m = CODE.matcher(text);
        while (m.find()) {
            spans.add(new Span(m.start(), m.end() - m.start(), "[X]", "CODE"));
        }
        return Screening.redact(spans);
    };

    static String feed(HoldBackWindow w, String text, int chunk) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i += chunk) {
            out.append(w.offer(text.substring(i, Math.min(text.length(), i + chunk))));
        }
        return out.append(w.flush()).toString();
    }

    @Test
    void nothing_is_released_until_the_window_is_full() {
        HoldBackWindow w = new HoldBackWindow(10, REDACT_CODES);
        assertThat(w.offer("0123456789")).isEmpty();
        assertThat(w.offer("ab")).isEqualTo("01");
        assertThat(w.held()).isEqualTo(10);
        assertThat(w.flush()).isEqualTo("23456789ab");
        assertThat(w.delivered()).isEqualTo("0123456789ab");
    }

    @Test
    void held_text_is_offered_to_the_screens_while_the_window_fills_and_screened_before_release() {
        List<String> prepared = new ArrayList<>();
        List<String> screened = new ArrayList<>();
        TextScreens recording = new TextScreens() {
            @Override
            public Screening screen(String text) {
                screened.add(text);
                return REDACT_CODES.screen(text);
            }

            @Override
            public void prepare(String text) {
                prepared.add(text);
            }
        };
        HoldBackWindow w = new HoldBackWindow(8, recording);
        assertThat(w.offer("SECR")).isEmpty();
        assertThat(w.offer("ET-1")).isEmpty();
        assertThat(prepared).containsExactly("SECR", "SECRET-1");
        assertThat(screened).isEmpty();
        assertThat(w.offer("234 ok")).isEmpty(); // the code is open at the release point: held whole
        assertThat(screened).containsExactly("SECRET-1234 ok");
        assertThat(w.flush()).isEqualTo("[X] ok");
        assertThat(prepared).hasSize(2); // preparing is only for text the window cannot release yet
    }

    @Test
    void value_split_at_every_boundary_is_released_redacted_only() {
        String text = "your code is SECRET-1234 and that is all there is to it";
        for (int chunk = 1; chunk <= text.length(); chunk++) {
            String out = feed(new HoldBackWindow(16, REDACT_CODES), text, chunk);
            assertThat(out).as("chunk %d", chunk).isEqualTo("your code is [X] and that is all there is to it");
        }
    }

    @Test
    void value_open_at_the_release_point_is_held_back_whole() {
        HoldBackWindow w = new HoldBackWindow(4, REDACT_CODES);
        // "SECRET-12" cannot match yet; with 4 characters of look-ahead the release point falls inside no match
        String first = w.offer("ab SECRET-1234 cd");
        assertThat(first).doesNotContain("SECRET").doesNotContain("1234");
        assertThat(first + w.flush()).isEqualTo("ab [X] cd");
    }

    @Test
    void without_screens_text_is_released_as_it_arrives() {
        HoldBackWindow w = new HoldBackWindow(64, TextScreens.NONE);
        assertThat(w.offer("hello")).isEqualTo("hello");
    }

    @Test
    void refusal_releases_nothing_held_back() {
        TextScreens refuseBad = text -> text.contains("bad") ? Screening.refuse(Decision.deny("bad", "X-1",
                Basis.of("p"))) : Screening.pass();
        HoldBackWindow w = new HoldBackWindow(8, refuseBad);
        String out = w.offer("all fine here, ");
        assertThatThrownBy(() -> w.offer("then bad")).isInstanceOf(StreamRefusedException.class);
        assertThat(w.delivered()).isEqualTo(out).doesNotContain("bad");
    }
}
