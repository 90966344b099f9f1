package dev.warden.bench.corpus;

import dev.warden.dataflow.detect.DetectorSuite;
import dev.warden.dataflow.detect.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Strict scoring of a {@link DetectorSuite} on the independent corpus: a finding is a true positive only when a label
 * has the same kind and exactly the same span; every other finding is a false positive, every label not matched a
 * false negative. Run {@link #main} from the benchmarks jar to print the per-kind table and the mistakes.
 */
public final class CorpusScore {

    /** True positives, false positives and false negatives of one kind. */
    public record Counts(int tp, int fp, int fn) {
        public double precision() {
            return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        }

        Counts plus(Counts o) {
            return new Counts(tp + o.tp, fp + o.fp, fn + o.fn);
        }
    }

    private final Map<String, Counts> byKind = new TreeMap<>();
    private final List<String> mistakes = new ArrayList<>();
    private int texts;
    private int negatives;

    public static CorpusScore of(DetectorSuite suite, List<LabelledText> corpus) {
        CorpusScore score = new CorpusScore();
        for (LabelledText t : corpus) {
            score.texts++;
            if (t.labels().isEmpty()) {
                score.negatives++;
            }
            List<Finding> found = new ArrayList<>(suite.scan(t.text()).findings());
            for (LabelledText.Label l : t.labels()) {
                Finding hit = found.stream().filter(f -> f.kind().equals(l.kind()) && f.offset() == l.start()
                        && f.end() == l.end()).findFirst().orElse(null);
                if (hit != null) {
                    found.remove(hit);
                    score.add(l.kind(), new Counts(1, 0, 0));
                } else {
                    score.add(l.kind(), new Counts(0, 0, 1));
                    score.mistakes.add("FN " + t.id() + " " + l.kind() + " '" + t.text().substring(l.start(), l.end())
                            + "' in: " + oneLine(t.text()));
                }
            }
            for (Finding f : found) {
                score.add(f.kind(), new Counts(0, 1, 0));
                score.mistakes.add("FP " + t.id() + " " + f.kind() + " '" + f.valueIn(t.text()) + "' in: "
                        + oneLine(t.text()));
            }
        }
        return score;
    }

    private static String oneLine(String s) {
        String flat = s.replace("\n", "\\n");
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }

    private void add(String kind, Counts c) {
        byKind.merge(kind, c, Counts::plus);
    }

    public Map<String, Counts> byKind() {
        return byKind;
    }

    public Counts total() {
        return byKind.values().stream().reduce(new Counts(0, 0, 0), Counts::plus);
    }

    public List<String> mistakes() {
        return mistakes;
    }

    /** The per-kind table in Markdown. */
    public String table() {
        StringBuilder sb = new StringBuilder("| kind | TP | FP | FN | precision | recall |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: |\n");
        byKind.forEach((kind, c) -> sb.append(row(kind, c)));
        sb.append(row("**all**", total()));
        return sb.append("\n").append(texts).append(" texts, ").append(texts - negatives).append(" with labels, ")
                .append(negatives).append(" hard negatives\n").toString();
    }

    private static String row(String kind, Counts c) {
        return "| %s | %d | %d | %d | %.3f | %.3f |%n".formatted(kind, c.tp, c.fp, c.fn, c.precision(), c.recall());
    }

    public static void main(String[] args) {
        CorpusScore score = of(DetectorSuite.defaults(), IndependentCorpus.generate());
        System.out.println(score.table());
        score.mistakes().forEach(System.out::println);
    }
}
