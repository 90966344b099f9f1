package dev.warden.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.dataflow.detect.DetectorSuite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default detectors on the independent corpus (profile {@code bench} only): precision at least 0.98 and recall at
 * least 0.95 overall, strict scoring. Writes the table to {@code target/detector-corpus.md}.
 */
class IndependentCorpusTest {
    static List<LabelledText> corpus;
    static CorpusScore score;

    @BeforeAll
    static void score() throws Exception {
        corpus = IndependentCorpus.generate();
        score = CorpusScore.of(DetectorSuite.defaults(), corpus);
        System.out.println(score.table());
        score.mistakes().forEach(System.out::println);
        Path target = Path.of("target", "detector-corpus.md");
        Files.createDirectories(target.getParent());
        Files.writeString(target, score.table() + "\n" + String.join("\n", score.mistakes()) + "\n",
                StandardCharsets.UTF_8);
    }

    @Test
    void corpus_is_deterministic_and_every_label_lies_in_its_text() {
        assertThat(IndependentCorpus.generate()).isEqualTo(corpus);
        for (LabelledText t : corpus) {
            t.labels().forEach(l -> assertThat(l.end()).as(t.id()).isLessThanOrEqualTo(t.text().length()));
        }
    }

    @Test
    void default_detectors_reach_precision_098_and_recall_095() {
        assertThat(score.total().precision()).as("precision").isGreaterThanOrEqualTo(0.98);
        assertThat(score.total().recall()).as("recall").isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void every_kind_reaches_precision_095_and_recall_090() {
        score.byKind().forEach((kind, c) -> {
            assertThat(c.precision()).as("%s precision", kind).isGreaterThanOrEqualTo(0.95);
            assertThat(c.recall()).as("%s recall", kind).isGreaterThanOrEqualTo(0.90);
        });
    }
}
