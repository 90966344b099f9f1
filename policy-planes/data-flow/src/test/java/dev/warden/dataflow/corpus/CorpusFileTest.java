package dev.warden.dataflow.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusFileTest {

    @Test
    void checked_in_corpus_is_exactly_what_the_seeded_generator_produces() throws Exception {
        assertThat(CorpusFile.load()).isEqualTo(CorpusGenerator.generate());
    }

    @Test
    void corpus_has_at_least_300_positive_and_300_negative_samples() throws Exception {
        List<Sample> samples = CorpusFile.load();
        assertThat(samples.stream().filter(Sample::positive).count()).isGreaterThanOrEqualTo(300);
        assertThat(samples.stream().filter(s -> !s.positive()).count()).isGreaterThanOrEqualTo(300);
        assertThat(samples.stream().map(Sample::id).distinct().count()).isEqualTo(samples.size());
    }

    @Test
    void every_expected_value_occurs_in_its_text() throws Exception {
        for (Sample s : CorpusFile.load()) {
            s.expected().forEach(e -> assertThat(s.text()).as(s.id()).contains(e.value()));
        }
    }
}
