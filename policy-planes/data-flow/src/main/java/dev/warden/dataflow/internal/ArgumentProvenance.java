package dev.warden.dataflow.internal;

import dev.warden.dataflow.DataFlowConfig;
import dev.warden.dataflow.detect.Finding;
import dev.warden.dataflow.detect.ScanResult;
import dev.warden.dataflow.detect.SensitiveKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where do the high-risk values in a tool call come from? A value counts as high-risk when a detector finds an IBAN,
 * e-mail address, payment card or phone number in it, when it is a URL, when its argument is named in the configured
 * provenance names (recipient, account…), or when it is an amount. Each value is looked up, in normal form, in the
 * user's request and in the run's ledger of content seen. A link counts with or without its scheme
 * ({@code bit.ly/x} as well as {@code https://bit.ly/x}): dropping the scheme must not hide where a link came from.
 */
public final class ArgumentProvenance {
    /** A host with a top-level domain followed by a path, written without a scheme ({@code bit.ly/abc}). */
    private static final Pattern BARE_LINK = Pattern.compile(
            "(?i)(?<![\\w@/.:-])(?:[a-z0-9-]+\\.)+[a-z]{2,}/[^\\s\"'<>()\\[\\]{}]+");
    private static final Set<String> VALUE_KINDS = Set.of(SensitiveKinds.IBAN, SensitiveKinds.EMAIL,
            SensitiveKinds.PAYMENT_CARD, SensitiveKinds.PHONE);

    /** A high-risk value: the argument it sits in, what it is, and its normal form. */
    public record Candidate(String argument, String kind, String normalised, boolean amount) {}

    /** A candidate together with where it was found. */
    public record Trace(Candidate candidate, boolean inUserInput, RunLedger.Sighting sighting) {
        public boolean clean() {
            return inUserInput || sighting.origin() == RunLedger.Origin.TRUSTED;
        }
    }

    private final DataFlowConfig config;
    private final RunLedger ledger;

    public ArgumentProvenance(DataFlowConfig config, RunLedger ledger) {
        this.config = config;
        this.ledger = ledger;
    }

    public List<Candidate> candidates(Map<String, Object> args) {
        List<Candidate> out = new ArrayList<>();
        for (ArgumentLeaves.Leaf leaf : ArgumentLeaves.of(args)) {
            String key = leaf.key() == null ? "" : leaf.key().toLowerCase(Locale.ROOT);
            if (config.amountArgNames().contains(key)) {
                String amount = ValueNormalizer.amount(leaf.value());
                if (amount != null) {
                    out.add(new Candidate(leaf.path(), "AMOUNT", amount, true));
                    continue;
                }
            }
            String text = String.valueOf(leaf.value());
            int before = out.size();
            if (leaf.value() instanceof String) {
                ScanResult scan = config.detectors().scan(text);
                for (Finding f : scan.findings()) {
                    if (VALUE_KINDS.contains(f.kind())) {
                        out.add(new Candidate(leaf.path(), f.kind(), ValueNormalizer.compact(f.valueIn(text)), false));
                    }
                }
                Matcher m = ContentLabeler.URL.matcher(text);
                while (m.find()) {
                    out.add(new Candidate(leaf.path(), "URL", ContentLabeler.normalizeUrl(m.group()), false));
                }
                Matcher bare = BARE_LINK.matcher(text);
                while (bare.find()) {
                    out.add(new Candidate(leaf.path(), "URL", ContentLabeler.normalizeUrl(bare.group()), false));
                }
            }
            String compact = ValueNormalizer.compact(text);
            if (out.size() == before && config.provenanceArgNames().contains(key) && compact.length() >= 3) {
                out.add(new Candidate(leaf.path(), "VALUE", compact, false));
            }
        }
        return out;
    }

    public List<Trace> trace(List<Candidate> candidates, String runId, String userInput) {
        String user = userInput == null ? "" : userInput;
        String compactUser = ValueNormalizer.compact(user);
        Set<String> userAmounts = ValueNormalizer.amounts(user);
        List<Trace> out = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            boolean inUser = c.amount() ? userAmounts.contains(c.normalised()) : compactUser.contains(c.normalised());
            RunLedger.Sighting s = inUser ? RunLedger.Sighting.nowhere()
                    : ledger.find(runId, c.normalised(), c.amount());
            out.add(new Trace(c, inUser, s));
        }
        return out;
    }
}
