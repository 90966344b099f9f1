package dev.warden.dataflow.internal;

import dev.warden.core.FlowLabels;
import dev.warden.core.LabelledValue;
import dev.warden.core.Labels;
import dev.warden.core.provenance.RecentRuns;
import dev.warden.dataflow.DataFlowConfig.LedgerBounds;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Labels bound to values rather than to the run: the egress side of value-scoped fields. A record's tax id makes
 * the run's context RESTRICTED (the model has seen it), but a mail that carries only the record's phone number does
 * not carry the tax id. For each run this remembers the labels of everything seen <em>apart from</em> the values of
 * value-scoped fields (the residual), and those values with their labels; an egress is then decided on the residual
 * joined with the labels of the scoped values that actually appear in what is sent.
 *
 * <p>Fail-closed by construction: the answer is the run's full context label whenever it cannot be explained —
 * the context rose by something this plane did not see, the run is unknown or forgotten, too many values were seen,
 * or the payload holds digits, digit words or letter-and-digit tokens that appear neither in the user's request nor
 * in a value of a field that is not scoped (the shapes a re-encoded identifier takes). A value appears in a payload
 * when its letters and digits do in order ({@code 078-05-1120} in {@code ref 078 05 1120}), when its digits do, or
 * — for text — when two consecutive content words of it do ({@code Jane Roe} in {@code who=Jane+Roe}). A model that
 * paraphrases a free-text value in other words defeats this; deployments choose which fields are value-scoped
 * ({@code warden.data-flow.value-scoped-fields}) and should keep free text whole-result.
 */
public final class ValueScopes {
    /** Values remembered per run before the run falls back to its whole context label. */
    static final int MAX_VALUES_PER_RUN = 4096;
    private static final Pattern DIGIT_RUN = Pattern.compile("\\d(?:[\\s\\-./]?\\d)*");
    private static final Pattern WORD = Pattern.compile("\\p{L}+|\\d+");
    private static final Pattern MIXED_TOKEN = Pattern.compile("[\\p{L}\\d+/=_-]{8,}");
    private static final Set<String> STOP = Set.of("a", "an", "the", "of", "on", "in", "at", "to", "is", "are",
            "was", "and", "or", "for", "by", "with", "until", "from", "as", "be", "it", "its", "this", "that");
    private static final Set<String> DIGIT_WORDS = Set.of("zero", "oh", "one", "two", "three", "four", "five", "six",
            "seven", "eight", "nine", "null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht",
            "neun");

    /** A value of a scoped field, in the forms it is matched in, with its labels. */
    record Scoped(String source, String value, Labels labels, String squeezed, String digits, Set<String> pairs) {}

    private static final class Run {
        final Labels initial;
        Labels seen = Labels.PUBLIC;
        Labels residual = Labels.PUBLIC;
        final List<Scoped> values = new ArrayList<>();
        final Set<String> explainedDigits = new LinkedHashSet<>();
        boolean overflow;

        Run(Labels initial) {
            this.initial = initial;
        }
    }

    private final RecentRuns<Run> runs;
    private final Clock clock;

    public ValueScopes(LedgerBounds bounds, Clock clock) {
        this.clock = clock;
        this.runs = new RecentRuns<>(bounds.maxRuns(), bounds.ttl());
    }

    /**
     * Records content that entered a run.
     *
     * @param contextBefore the run's context label before this content
     * @param labels the content's full labels (what the context rises by)
     * @param residual its labels apart from its scoped values
     * @param scoped its scoped values (field path → value) with their labels
     * @param plainValues values of its fields that are not scoped (their digits explain digits sent later)
     */
    public void record(String runId, Labels contextBefore, Labels labels, Labels residual,
            Map<String, Map.Entry<String, Labels>> scoped, Collection<String> plainValues) {
        if (runId == null) {
            return;
        }
        if (scoped.isEmpty() && !runs.contains(runId)) {
            return; // nothing value-scoped in this run (yet): egress uses the whole context, as without scopes
        }
        Instant now = clock.instant();
        Run run = runs.touch(runId, now, () -> new Run(contextBefore));
        synchronized (run) {
            if (!EgressGuard.fits(run.initial.join(run.seen), contextBefore)) {
                run.residual = run.residual.join(contextBefore); // risen by something else: keep it whole
            }
            run.seen = run.seen.join(labels);
            run.residual = run.residual.join(residual);
            for (Map.Entry<String, Map.Entry<String, Labels>> e : scoped.entrySet()) {
                if (run.values.size() >= MAX_VALUES_PER_RUN) {
                    run.overflow = true;
                    break;
                }
                String v = e.getValue().getKey();
                run.values.add(new Scoped(e.getKey(), v, e.getValue().getValue(), squeeze(v), digits(v), pairs(v)));
            }
            for (String v : plainValues) {
                String d = digits(v);
                if (d.length() >= 4 && run.explainedDigits.size() < MAX_VALUES_PER_RUN) {
                    run.explainedDigits.add(d);
                }
            }
        }
    }

    /**
     * The labels of what flows out in {@code payload} (argument strings and content): the residual joined with the
     * labels of the scoped values found in it, or {@code context} whenever that cannot be established.
     */
    public Labels flowing(String runId, Labels context, Collection<String> payload, String userInput) {
        return flow(runId, context, payload, userInput).labels();
    }

    /**
     * As {@link #flowing}, with the scoped values that appear whole in the payload (their letters and digits in order)
     * kept apart as {@link FlowLabels#values()}, so a receiver can keep them value-scoped; a value that appears only
     * in part (its digits, two of its words) joins the base labels instead.
     */
    public FlowLabels flow(String runId, Labels context, Collection<String> payload, String userInput) {
        Run run = runs.get(runId, clock.instant());
        if (run == null) {
            return FlowLabels.whole(context);
        }
        synchronized (run) {
            if (run.overflow || !EgressGuard.fits(run.initial.join(run.seen), context)) {
                return FlowLabels.whole(context);
            }
            String text = String.join("\n", payload);
            if (!explained(text, userInput, run.explainedDigits)) {
                return FlowLabels.whole(context);
            }
            String squeezed = squeeze(text);
            String digits = digits(text);
            List<String> words = words(text);
            Labels base = run.initial.join(run.residual);
            Labels out = base;
            List<LabelledValue> whole = new ArrayList<>();
            for (Scoped s : run.values) {
                if (appears(s, squeezed, digits, words)) {
                    out = out.join(s.labels());
                    if (s.squeezed().length() >= 4 && squeezed.contains(s.squeezed())) {
                        whole.add(new LabelledValue(s.value(), s.labels().withIntegrity(context.integrity())));
                    } else {
                        base = base.join(s.labels());
                    }
                }
            }
            return new FlowLabels(out.withIntegrity(context.integrity()), base.withIntegrity(context.integrity()),
                    whole);
        }
    }

    /** Number of runs remembered. */
    public int size() {
        return runs.size();
    }

    private static boolean appears(Scoped s, String squeezed, String digits, List<String> words) {
        if (s.squeezed().length() >= 4 && squeezed.contains(s.squeezed())) {
            return true;
        }
        if (s.digits().length() >= 4 && digits.contains(s.digits())) {
            return true;
        }
        if (s.pairs().isEmpty()) {
            return false;
        }
        for (int i = 0; i + 1 < words.size(); i++) {
            if (s.pairs().contains(words.get(i) + " " + words.get(i + 1))) {
                return true;
            }
        }
        return s.pairs().size() == 1 && s.pairs().iterator().next().indexOf(' ') < 0 && words.contains(s.pairs()
                .iterator().next());
    }

    /**
     * Whether every digit run of four or more digits in {@code text} is one the user typed or one a non-scoped field
     * holds, and the text has no run of digit words and no long letter-and-digit token (hex, base64).
     */
    private static boolean explained(String text, String userInput, Set<String> explainedDigits) {
        String user = digits(userInput == null ? "" : userInput);
        Matcher m = DIGIT_RUN.matcher(text);
        while (m.find()) {
            String d = digits(m.group());
            if (d.length() >= 4 && !user.contains(d) && explainedDigits.stream().noneMatch(x -> x.contains(d))) {
                return false;
            }
        }
        int digitWords = 0;
        for (String w : words(text)) {
            digitWords = DIGIT_WORDS.contains(w) ? digitWords + 1 : 0;
            if (digitWords >= 4) {
                return false;
            }
        }
        Matcher t = MIXED_TOKEN.matcher(text);
        while (t.find()) {
            String tok = t.group();
            if (tok.chars().anyMatch(Character::isDigit) && tok.chars().anyMatch(Character::isLetter)
                    && !tok.contains("@") && !(userInput != null && userInput.contains(tok))) {
                return false;
            }
        }
        return true;
    }

    static String squeeze(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(n.length());
        n.codePoints().filter(Character::isLetterOrDigit).forEach(b::appendCodePoint);
        return b.toString();
    }

    static String digits(String s) {
        StringBuilder b = new StringBuilder();
        Normalizer.normalize(s, Normalizer.Form.NFKC).chars().filter(c -> c >= '0' && c <= '9')
                .forEach(c -> b.append((char) c));
        return b.toString();
    }

    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT));
        while (m.find()) {
            if (!STOP.contains(m.group())) {
                out.add(m.group());
            }
        }
        return out;
    }

    /** Consecutive content-word pairs of a text value; a one-word value of four or more letters is its own entry. */
    static Set<String> pairs(String value) {
        List<String> w = words(value).stream().filter(x -> x.chars().anyMatch(Character::isLetter)).toList();
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i + 1 < w.size(); i++) {
            out.add(w.get(i) + " " + w.get(i + 1));
        }
        if (w.size() == 1 && w.get(0).length() >= 4) {
            out.add(w.get(0));
        }
        return out;
    }
}
