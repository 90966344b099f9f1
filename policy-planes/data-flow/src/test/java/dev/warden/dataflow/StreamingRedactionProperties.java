package dev.warden.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Confidentiality;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Labels;
import dev.warden.core.streaming.HoldBackWindow;
import dev.warden.core.streaming.PlaneScreens;
import dev.warden.core.streaming.TextScreens;
import dev.warden.dataflow.detect.DetectorSuite;
import dev.warden.dataflow.detect.Finding;
import dev.warden.spi.DelegatingScreenPlane;
import dev.warden.spi.OutputScreen.Screening;
import dev.warden.spi.ScreenMemo;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * No leak through a stream (decision 0035): detector-positive text split at every chunk boundary, and into random
 * chunks, reaches the reader only redacted. The plane is the real data-flow plane in redact mode, screening through
 * the same {@link PlaneScreens} and {@link HoldBackWindow} the agent loop uses, with the default window.
 */
class StreamingRedactionProperties {
    /** Each sentence holds one value the default detectors find (context words included where they need them). */
    static final List<String> SENTENCES = List.of(
            "pay DE89 3704 0044 0532 0130 00 now",
            "pay DE89370400440532013000.",
            "IBAN GB82WEST12345698765432 please",
            "card 4111 1111 1111 1111 thanks",
            "amex 3782 822463 10005 ok",
            "SSN 123-45-6789 on file",
            "NINO AB123456C registered",
            "BSN: 111222333. noted",
            "key AKIAIOSFODNN7EXAMPLE rotated",
            "call +44 20 7946 0958 today",
            "mail ann.smith@example.com soon",
            "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl");

    static final DetectorSuite DETECTORS = DetectorSuite.defaults();
    final DataFlowPlane plane = new DataFlowPlane(DataFlowConfig.builder()
            .sinkClearance(DataFlowConfig.USER_CHANNEL, Labels.of(Confidentiality.PUBLIC))
            .egressMode(DataFlowConfig.EgressMode.REDACT).tokenKey(new byte[32]).build());

    TextScreens screens() {
        return Fixtures.answerScreens(plane);
    }

    String stream(List<String> chunks) {
        return stream(chunks, screens());
    }

    static String stream(List<String> chunks, TextScreens screens) {
        return Fixtures.streamThrough(screens, chunks);
    }

    static void assertNothingDetectable(String delivered, String whole) {
        List<Finding> left = DETECTORS.scan(delivered).findings();
        assertThat(left).as("detector-positive text delivered from %s: %s", whole, delivered).isEmpty();
    }

    @Example
    void a_window_is_scanned_once() {
        java.util.concurrent.atomic.AtomicInteger scans = new java.util.concurrent.atomic.AtomicInteger();
        dev.warden.dataflow.detect.Detector counting = new dev.warden.dataflow.detect.Detector() {
            @Override
            public String name() {
                return "counting";
            }

            @Override
            public java.util.Set<String> kinds() {
                return java.util.Set.of("COUNTED");
            }

            @Override
            public List<Finding> detect(CharSequence text) {
                scans.incrementAndGet();
                return List.of();
            }
        };
        DataFlowPlane counted = new DataFlowPlane(DataFlowConfig.builder()
                .sinkClearance(DataFlowConfig.USER_CHANNEL, Labels.of(Confidentiality.PUBLIC))
                .egressMode(DataFlowConfig.EgressMode.REDACT).tokenKey(new byte[32])
                .detectors(DetectorSuite.builder().withDefaults().detector(counting).build()).build());
        var screening = counted.screen(new CheckpointRequest(Checkpoint.AGENT_OUTPUT, 1, null, null, null,
                "pay DE89370400440532013000 now", null, DataFlowConfig.USER_CHANNEL, null),
                Fixtures.context("scan-once"));
        assertThat(screening.spans()).hasSize(1);
        assertThat(scans).hasValue(1);
    }

    @Example
    void every_sentence_is_detector_positive_whole() {
        for (String s : SENTENCES) {
            assertThat(DETECTORS.scan(s).findings()).as(s).isNotEmpty();
        }
    }

    @Example
    void each_value_split_at_every_boundary_is_delivered_redacted_only() {
        for (String sentence : SENTENCES) {
            String text = "Here is what you asked for: " + sentence + " and that is all.";
            for (int i = 1; i < text.length(); i++) {
                assertNothingDetectable(stream(List.of(text.substring(0, i), text.substring(i))), text);
            }
        }
    }

    /** Values longer than the default window, each with the characters it starts with. */
    static final List<List<String>> LONG_VALUES = List.of(
            List.of("token eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaGFubmEgRG9lLUx"
                    + "vbmduYW1lIiwiZW1haWwiOiJqb2hhbm5hLmRvZUBleGFtcGxlLmNvbSIsImlhdCI6MTUxNjIzOTAyMiwic2NvcGUiOiJhY2"
                    + "NvdW50czpyZWFkIHBheW1lbnRzOndyaXRlIn0.eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHg", "eyJhbGci"),
            List.of("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw"
                    + "\n7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyeh"
                    + "\n-----END RSA PRIVATE KEY-----", "BEGIN RSA"),
            List.of("key sk-proj-" + "Ab3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1eF3hJ5kL7nP9rS1uV3xY5aB7dE9gH1jK3mN5pQ7sT9vW1yZ3bC5eF7hJ9kL1n"
                    + "P3rS5uV7xY9aB1dE3gH5jK7mN9pQ1sT3vW5yZ7bC9eF1h", "sk-proj-"));

    @Example
    void values_longer_than_the_window_never_leave_not_even_their_first_characters() {
        for (List<String> value : LONG_VALUES) {
            String text = "Here is what you asked for: " + value.get(0) + " and that is all.";
            assertThat(value.get(0).length()).isGreaterThan(HoldBackWindow.DEFAULT_CHARS + 20);
            for (int i = 1; i < text.length(); i++) {
                String delivered = stream(List.of(text.substring(0, i), text.substring(i)));
                assertNothingDetectable(delivered, text);
                assertThat(delivered).as("split at %d", i).doesNotContain(value.get(1)).contains("[REDACTED:");
            }
            for (int size = 1; size <= 9; size++) {
                String delivered = stream(chunks(text, size));
                assertThat(delivered).as("chunks of %d", size).doesNotContain(value.get(1))
                        .endsWith(" and that is all.");
            }
        }
    }

    static List<String> chunks(String text, int size) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i += size) {
            out.add(text.substring(i, Math.min(text.length(), i + size)));
        }
        return out;
    }

    @Property(tries = 3)
    void composed_text_split_at_every_boundary_nothing_detectable_is_delivered(@ForAll("texts") String text) {
        for (int i = 1; i < text.length(); i++) {
            assertNothingDetectable(stream(List.of(text.substring(0, i), text.substring(i))), text);
        }
    }

    @Property(tries = 60)
    void split_into_random_chunks_nothing_detectable_is_delivered(@ForAll("texts") String text,
            @ForAll @IntRange(min = 1, max = 9) int maxChunk, @ForAll long seed) {
        List<String> chunks = randomChunks(text, maxChunk, seed);
        String delivered = stream(chunks);
        assertNothingDetectable(delivered, text);
        assertThat(delivered).contains("[REDACTED:");
    }

    /** The same plane, as streams screened it before decision 0054: no turn memo, no preparation. */
    TextScreens screensWithoutMemo() {
        return Fixtures.answerScreens(new DelegatingScreenPlane(plane) {
            @Override
            public Screening screen(CheckpointRequest window, GovernanceContext c, ScreenMemo memo) {
                return screen(window, c);
            }

            @Override
            public void prepare(CheckpointRequest text, GovernanceContext c, ScreenMemo memo) {}
        });
    }

    /** {@code text} cut into chunks of 1 to {@code maxChunk} characters, the cuts drawn from {@code seed}. */
    static List<String> randomChunks(String text, int maxChunk, long seed) {
        java.util.Random random = new java.util.Random(seed);
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < text.length(); ) {
            int n = 1 + random.nextInt(maxChunk);
            chunks.add(text.substring(i, Math.min(text.length(), i + n)));
            i += n;
        }
        return chunks;
    }

    @Property(tries = 60)
    void the_turn_memo_and_preparation_change_nothing_that_is_delivered(@ForAll("texts") String text,
            @ForAll @IntRange(min = 1, max = 9) int maxChunk, @ForAll long seed) {
        List<String> chunks = randomChunks(text, maxChunk, seed);
        assertThat(stream(chunks)).isEqualTo(stream(chunks, screensWithoutMemo()));
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> filler = Arbitraries.of("the", "answer", "is", "here", "and", "so", "on", "Thanks,",
                "regards", "please", "note:").list().ofMaxSize(6).map(ws -> String.join(" ", ws));
        Arbitrary<List<String>> sentences = Arbitraries.of(SENTENCES).list().ofMinSize(1).ofMaxSize(2);
        return net.jqwik.api.Combinators.combine(filler, sentences, filler)
                .as((a, s, b) -> (a + " " + String.join(" ", s) + " " + b).trim());
    }
}
