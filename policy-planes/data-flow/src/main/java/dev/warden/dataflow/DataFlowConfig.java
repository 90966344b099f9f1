package dev.warden.dataflow;

import static dev.warden.core.Confidentiality.CONFIDENTIAL;
import static dev.warden.core.Confidentiality.RESTRICTED;

import dev.warden.core.Effect;
import dev.warden.core.Integrity;
import dev.warden.core.Labels;
import dev.warden.dataflow.detect.DetectorSuite;
import dev.warden.dataflow.detect.SensitiveKinds;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Configuration of the {@link DataFlowPlane}. Immutable; build with {@link #builder()}; every setting has a safe
 * default, so {@code DataFlowConfig.builder().build()} is a working configuration.
 *
 * <pre>{@code
 * DataFlowConfig config = DataFlowConfig.builder()
 *         .fieldLabels("ssn", Labels.of(Confidentiality.RESTRICTED, "PII"))
 *         .sinkClearance("user", Labels.of(Confidentiality.CONFIDENTIAL, "PII", "FINANCIAL"))
 *         .egressMode(DataFlowConfig.EgressMode.REDACT)
 *         .untrustedAction(DataFlowConfig.UntrustedAction.REQUIRE_APPROVAL)
 *         .build();
 * }</pre>
 *
 * @param detectors the detector suite scanning content and arguments
 * @param kindLabels labels a finding of each kind adds to its content
 * @param unknownKindLabels labels of a finding whose kind has no entry in {@code kindLabels} (a plug-in's kind)
 * @param unscannedLabels labels of content that could not be scanned (binary, or beyond the scan limit)
 * @param fieldLabels labels of a structured (JSON) result that has a field of this name (lower case), at any depth
 * @param sinkClearances clearance of named sinks: {@code "user"} is the answer channel, others are delegation targets
 * @param defaultSinkClearance clearance of a named sink that has no entry
 * @param egressMode what happens to a flow above a sink's clearance
 * @param redactionStyle how redacted spans are replaced
 * @param tokenKey HMAC key for {@link RedactionStyle#TOKENIZE}; 32 random bytes when not set
 * @param highRiskEffects tool effects that untrusted content must not be able to steer
 * @param untrustedAction what happens to a high-risk tool call once the context is untrusted
 * @param endorsedAction what happens to a high-risk call with an argument found only in a source the user's request
 *     named (the IBAN of the bill the user asked to pay); policies may refine it per argument
 * @param approverRoles roles that may approve when {@code untrustedAction} is {@code REQUIRE_APPROVAL}
 * @param approvalTtl how long such an approval stays pending
 * @param provenanceArgNames argument names (lower case) whose values are checked for provenance, whatever they hold
 * @param amountArgNames argument names (lower case) holding money amounts
 * @param denyUnknownOrigin deny a high-risk value found nowhere in the run when the context is untrusted
 * @param ledger bounds of the per-run ledger of content seen
 * @param clock time source for ledger expiry
 * @param timeBudget the plane's time budget per evaluation
 * @param internalDomains e-mail domains of the organisation (lower case): an address in one of them is not an
 *     exfiltration destination, so argument provenance does not require it to come from the user or trusted data (a
 *     reply to a colleague whose address appears only in their inbound mail); what the message carries is still
 *     decided by egress. Exact domains only: {@code acme.example} does not admit {@code acme.example.evil.example}
 * @param valueScopedFields fields (lower case) whose labels bind to their values at egress: a run that read a record
 *     holding a tax id is RESTRICTED, but a call that sends only the record's phone number is decided on what it
 *     sends (see {@code ValueScopes}). Empty (the default): labels bind to the run
 * @param answerImages what happens to auto-loading images in an answer whose URL leaves for another host (decision
 *     0051)
 */
public record DataFlowConfig(
        DetectorSuite detectors,
        Map<String, Labels> kindLabels,
        Labels unknownKindLabels,
        Labels unscannedLabels,
        Map<String, Labels> fieldLabels,
        Map<String, Labels> sinkClearances,
        Labels defaultSinkClearance,
        EgressMode egressMode,
        RedactionStyle redactionStyle,
        byte[] tokenKey,
        Set<Effect> highRiskEffects,
        UntrustedAction untrustedAction,
        EndorsedAction endorsedAction,
        Set<String> approverRoles,
        Duration approvalTtl,
        Set<String> provenanceArgNames,
        Set<String> amountArgNames,
        boolean denyUnknownOrigin,
        LedgerBounds ledger,
        Clock clock,
        Duration timeBudget,
        Set<String> internalDomains,
        Set<String> valueScopedFields,
        AnswerImagePolicy answerImages) {

    /** Name of the sink that is the answer to the user ({@code AGENT_OUTPUT} target). */
    public static final String USER_CHANNEL = "user";

    /** What to do with a flow above a sink's clearance. */
    public enum EgressMode {
        /** Refuse the flow: the information-flow guarantee. */
        DENY,
        /**
         * Replace the detected spans whose labels exceed the clearance and let the rest through; a flow above clearance
         * in which nothing can be redacted is still denied. Weaker than {@code DENY}: it trusts the detectors.
         */
        REDACT
    }

    /** How a redacted span is written. */
    public enum RedactionStyle {
        /** {@code [REDACTED:IBAN]} */
        MASK,
        /** {@code [IBAN:3fa81c0d92b4]}: a keyed hash, equal values give equal tokens within a deployment */
        TOKENIZE
    }

    /** What to do with a high-risk tool call once untrusted content entered the context. */
    public enum UntrustedAction {
        DENY,
        REQUIRE_APPROVAL,
        /** Allow when every high-risk argument value comes from the user's request or from trusted content. */
        ALLOW_IF_PROVENANCE_CLEAN
    }

    /**
     * What to do with a high-risk argument whose value was found only in untrusted content of a source the user's
     * request named ({@link dev.warden.core.provenance.Provenance.Kind#ENDORSED}).
     */
    public enum EndorsedAction {
        /** Hold the call for approval (the fail-closed default). */
        REQUIRE_APPROVAL,
        /** Let it pass this plane; the deployment's policies decide per argument (allow, confirm or deny). */
        DEFER_TO_POLICY
    }

    /**
     * Auto-loading resources in an answer (Markdown images, {@code [ref]: url} definitions, HTML {@code <img src>}
     * and similar): a chat UI fetches them with no click, so a URL to another host is an egress nobody checks
     * (decision 0051).
     *
     * @param mode {@link Mode#REMOVE} replaces each one whose host is not allowed by {@code [image removed: host]}
     * @param allowedHosts hosts (lower case) whose images may load; {@code *.example.com} admits its subdomains.
     *     Relative URLs (the UI's own origin) and {@code data:} URIs always may
     */
    public record AnswerImagePolicy(Mode mode, Set<String> allowedHosts) {
        /** Every absolute image URL removed. */
        public static final AnswerImagePolicy DEFAULT = new AnswerImagePolicy(Mode.REMOVE, Set.of());

        /** What to do with an auto-loading image to a host that is not allowed. */
        public enum Mode {
            /** Replace it by a visible marker (audited as a redaction). */
            REMOVE,
            /** Leave answers as written (a UI that never renders images or HTML). */
            OFF
        }

        public AnswerImagePolicy {
            Objects.requireNonNull(mode, "mode");
            allowedHosts = lower(allowedHosts);
            for (String h : allowedHosts) {
                String bare = h.startsWith("*.") ? h.substring(2) : h;
                if (bare.isBlank() || !bare.matches("[a-z0-9.\\-:\\[\\]_]+") || bare.startsWith(".")) {
                    throw new IllegalArgumentException("an allowed image host is a bare host such as cdn.acme.example"
                            + " or *.acme.example, got '" + h + "'");
                }
            }
        }
    }

    /**
     * Bounds of the per-run ledger of content seen at {@code TOOL_RESULT}, {@code RETRIEVAL} and
     * {@code DELEGATION_RESULT}, used by argument provenance.
     *
     * @param maxRuns runs remembered at once; the least recently used run is forgotten first
     * @param maxEntriesPerRun content items remembered per run; the oldest is forgotten first
     * @param maxCharsPerEntry characters of normalised text kept per item (detected values are kept regardless)
     * @param ttl a run not seen for this long is forgotten
     */
    public record LedgerBounds(int maxRuns, int maxEntriesPerRun, int maxCharsPerEntry, Duration ttl) {
        public static final LedgerBounds DEFAULT = new LedgerBounds(1000, 256, 16 * 1024, Duration.ofHours(1));

        public LedgerBounds {
            if (maxRuns < 1 || maxEntriesPerRun < 1 || maxCharsPerEntry < 1) {
                throw new IllegalArgumentException("ledger bounds must be positive");
            }
            Objects.requireNonNull(ttl, "ttl");
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("ledger ttl must be positive");
            }
        }
    }

    public DataFlowConfig {
        Objects.requireNonNull(detectors, "detectors");
        kindLabels = Map.copyOf(kindLabels);
        fieldLabels = Map.copyOf(fieldLabels);
        sinkClearances = Map.copyOf(sinkClearances);
        Objects.requireNonNull(unknownKindLabels, "unknownKindLabels");
        Objects.requireNonNull(unscannedLabels, "unscannedLabels");
        Objects.requireNonNull(defaultSinkClearance, "defaultSinkClearance");
        Objects.requireNonNull(egressMode, "egressMode");
        Objects.requireNonNull(redactionStyle, "redactionStyle");
        tokenKey = tokenKey.clone();
        highRiskEffects = highRiskEffects.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(highRiskEffects));
        Objects.requireNonNull(untrustedAction, "untrustedAction");
        Objects.requireNonNull(endorsedAction, "endorsedAction");
        approverRoles = Set.copyOf(approverRoles);
        Objects.requireNonNull(approvalTtl, "approvalTtl");
        provenanceArgNames = lower(provenanceArgNames);
        amountArgNames = lower(amountArgNames);
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(timeBudget, "timeBudget");
        internalDomains = lower(internalDomains);
        valueScopedFields = lower(valueScopedFields);
        Objects.requireNonNull(answerImages, "answerImages");
    }

    /** Whether {@code address} (an e-mail address, any case) is in one of the {@link #internalDomains()}. */
    public boolean internalAddress(String address) {
        if (address == null) {
            return false;
        }
        int at = address.lastIndexOf('@');
        // a source-routed local part (a%evil.example@acme.example, evil.example!a@acme.example) is forwarded by a
        // relay that honours it to the domain inside: not a colleague (session 12 outside probe)
        String local = at > 0 ? address.substring(0, at) : "";
        return at > 0 && local.indexOf('%') < 0 && local.indexOf('!') < 0
                && internalDomains.contains(address.substring(at + 1).trim().toLowerCase(Locale.ROOT));
    }

    @Override
    public byte[] tokenKey() {
        return tokenKey.clone();
    }

    /** Labels of a finding of {@code kind}. */
    public Labels labelsOfKind(String kind) {
        return kindLabels.getOrDefault(kind, unknownKindLabels);
    }

    /** Clearance of the named sink. */
    public Labels clearanceOf(String sink) {
        return sink == null ? defaultSinkClearance : sinkClearances.getOrDefault(sink, defaultSinkClearance);
    }

    static Set<String> lower(Set<String> names) {
        Set<String> out = new LinkedHashSet<>();
        names.forEach(n -> out.add(n.toLowerCase(Locale.ROOT)));
        return Set.copyOf(out);
    }

    /** Default labels of the built-in kinds. */
    public static Map<String, Labels> defaultKindLabels() {
        Map<String, Labels> m = new HashMap<>();
        Labels pii = Labels.of(CONFIDENTIAL, "PII");
        Labels id = Labels.of(RESTRICTED, "PII");
        Labels secret = Labels.of(RESTRICTED, "CREDENTIALS");
        for (String k : List.of(SensitiveKinds.EMAIL, SensitiveKinds.PHONE)) {
            m.put(k, pii);
        }
        for (String k : List.of(SensitiveKinds.US_SSN, SensitiveKinds.UK_NINO, SensitiveKinds.NL_BSN)) {
            m.put(k, id);
        }
        for (String k : List.of(SensitiveKinds.API_KEY, SensitiveKinds.SECRET, SensitiveKinds.PRIVATE_KEY,
                SensitiveKinds.JWT)) {
            m.put(k, secret);
        }
        m.put(SensitiveKinds.IBAN, Labels.of(CONFIDENTIAL, "FINANCIAL"));
        m.put(SensitiveKinds.PAYMENT_CARD, Labels.of(RESTRICTED, "PCI"));
        return m;
    }

    /** Labels of content nobody could look at: restricted, marked {@code UNSCANNED}, untrusted. */
    public static Labels defaultUnscannedLabels() {
        return new Labels(RESTRICTED, new TreeSet<>(Set.of("UNSCANNED")), Integrity.UNTRUSTED);
    }

    public static DataFlowConfigBuilder builder() {
        return new DataFlowConfigBuilder();
    }
}
