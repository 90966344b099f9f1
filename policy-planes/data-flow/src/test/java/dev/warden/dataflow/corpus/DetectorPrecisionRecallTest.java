package dev.warden.dataflow.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.dataflow.detect.DetectorSuite;
import dev.warden.dataflow.detect.Finding;
import dev.warden.dataflow.detect.SensitiveKinds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of the default {@link DetectorSuite} on the labelled corpus, per kind. A finding is a true
 * positive when its kind is expected and its span is exactly the expected value; any other finding is a false
 * positive; an expected value not found exactly is a false negative. Prints the table and writes it to
 * {@code target/detector-precision.md}.
 */
class DetectorPrecisionRecallTest {
    /** Kinds backed by a checksum or a fixed structure: the strictest floors. */
    static final Set<String> CHECKSUM_KINDS = Set.of(SensitiveKinds.IBAN, SensitiveKinds.PAYMENT_CARD,
            SensitiveKinds.NL_BSN, SensitiveKinds.JWT, SensitiveKinds.PRIVATE_KEY);

    record Counts(int tp, int fp, int fn) {
        double precision() {
            return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        }

        Counts plus(Counts o) {
            return new Counts(tp + o.tp, fp + o.fp, fn + o.fn);
        }
    }

    static final Map<String, Counts> BY_KIND = new TreeMap<>();
    static final List<String> MISTAKES = new ArrayList<>();
    static int samples;

    @BeforeAll
    static void measure() throws Exception {
        DetectorSuite suite = DetectorSuite.defaults();
        List<Sample> corpus = CorpusFile.load();
        samples = corpus.size();
        for (Sample s : corpus) {
            List<Finding> found = new ArrayList<>(suite.scan(s.text()).findings());
            for (Sample.Expected e : s.expected()) {
                int at = s.text().indexOf(e.value());
                Finding hit = found.stream().filter(f -> f.kind().equals(e.kind()) && f.offset() == at
                        && f.length() == e.value().length()).findFirst().orElse(null);
                if (hit != null) {
                    found.remove(hit);
                    add(e.kind(), new Counts(1, 0, 0));
                } else {
                    add(e.kind(), new Counts(0, 0, 1));
                    MISTAKES.add("FN " + s.id() + " " + e.kind() + " '" + e.value() + "'");
                }
            }
            for (Finding f : found) {
                add(f.kind(), new Counts(0, 1, 0));
                MISTAKES.add("FP " + s.id() + " " + f.kind() + " '" + f.valueIn(s.text()) + "'");
            }
        }
        String table = table();
        System.out.println(table);
        MISTAKES.forEach(System.out::println);
        Path target = Path.of("target", "detector-precision.md");
        Files.createDirectories(target.getParent());
        Files.writeString(target, table, StandardCharsets.UTF_8);
    }

    static void add(String kind, Counts c) {
        BY_KIND.merge(kind, c, Counts::plus);
    }

    static String table() {
        StringBuilder sb = new StringBuilder("| kind | TP | FP | FN | precision | recall |\n|---|---:|---:|---:|---:|---:|\n");
        Counts total = new Counts(0, 0, 0);
        for (var e : BY_KIND.entrySet()) {
            Counts c = e.getValue();
            total = total.plus(c);
            sb.append(row(e.getKey(), c));
        }
        return sb.append(row("**all**", total)).append("\n").append(samples).append(" samples\n").toString();
    }

    static String row(String kind, Counts c) {
        return "| %s | %d | %d | %d | %.3f | %.3f |%n".formatted(kind, c.tp, c.fp, c.fn, c.precision(), c.recall());
    }

    @Test
    void checksum_kinds_reach_precision_and_recall_of_095() {
        for (String kind : CHECKSUM_KINDS) {
            Counts c = BY_KIND.getOrDefault(kind, new Counts(0, 0, 0));
            assertThat(c.tp).as("%s true positives", kind).isPositive();
            assertThat(c.precision()).as("%s precision", kind).isGreaterThanOrEqualTo(0.95);
            assertThat(c.recall()).as("%s recall", kind).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void every_other_kind_reaches_precision_090_and_recall_080() {
        for (var e : BY_KIND.entrySet()) {
            if (!CHECKSUM_KINDS.contains(e.getKey())) {
                assertThat(e.getValue().precision()).as("%s precision", e.getKey()).isGreaterThanOrEqualTo(0.90);
                assertThat(e.getValue().recall()).as("%s recall", e.getKey()).isGreaterThanOrEqualTo(0.80);
            }
        }
    }

    @Test
    void every_built_in_kind_is_measured() {
        assertThat(BY_KIND.keySet()).contains(SensitiveKinds.EMAIL, SensitiveKinds.PHONE, SensitiveKinds.IBAN,
                SensitiveKinds.PAYMENT_CARD, SensitiveKinds.US_SSN, SensitiveKinds.UK_NINO, SensitiveKinds.NL_BSN,
                SensitiveKinds.API_KEY, SensitiveKinds.SECRET, SensitiveKinds.PRIVATE_KEY, SensitiveKinds.JWT);
    }
}
