package dev.warden.dataflow;

import dev.warden.core.Confidentiality;
import dev.warden.core.Effect;
import dev.warden.core.Labels;
import dev.warden.dataflow.detect.DetectorSuite;
import java.security.SecureRandom;
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

/** Builds a {@link DataFlowConfig}; see there for the meaning of each setting. Not thread-safe. */
public final class DataFlowConfigBuilder {
    private DetectorSuite detectors;
    private final Map<String, Labels> kindLabels = DataFlowConfig.defaultKindLabels();
    private Labels unknownKindLabels = Labels.of(Confidentiality.CONFIDENTIAL, "UNCLASSIFIED");
    private Labels unscannedLabels = DataFlowConfig.defaultUnscannedLabels();
    private final Map<String, Labels> fieldLabels = new HashMap<>();
    private final Map<String, Labels> sinkClearances = new HashMap<>(Map.of(DataFlowConfig.USER_CHANNEL,
            Labels.UNRESTRICTED));
    private Labels defaultSinkClearance = Labels.UNRESTRICTED;
    private DataFlowConfig.EgressMode egressMode = DataFlowConfig.EgressMode.DENY;
    private DataFlowConfig.RedactionStyle redactionStyle = DataFlowConfig.RedactionStyle.MASK;
    private byte[] tokenKey;
    private Set<Effect> highRiskEffects = EnumSet.of(Effect.FINANCIAL, Effect.EXTERNAL_COMMUNICATION, Effect.DELETE,
            Effect.CREDENTIAL_CHANGE);
    private DataFlowConfig.UntrustedAction untrustedAction = DataFlowConfig.UntrustedAction.REQUIRE_APPROVAL;
    private DataFlowConfig.EndorsedAction endorsedAction = DataFlowConfig.EndorsedAction.REQUIRE_APPROVAL;
    private Set<String> approverRoles = Set.of();
    private Duration approvalTtl = Duration.ofHours(24);
    private final Set<String> provenanceArgNames = new LinkedHashSet<>(List.of("recipient", "iban", "account",
            "to", "email", "url", "destination", "beneficiary", "payee", "address"));
    private final Set<String> amountArgNames = new LinkedHashSet<>(List.of("amount", "sum", "total", "value"));
    private boolean denyUnknownOrigin = true;
    private DataFlowConfig.LedgerBounds ledger = DataFlowConfig.LedgerBounds.DEFAULT;
    private Clock clock = Clock.systemUTC();
    private Duration timeBudget = Duration.ofSeconds(2);
    private final Set<String> internalDomains = new LinkedHashSet<>();
    private final Set<String> valueScopedFields = new LinkedHashSet<>();
    private DataFlowConfig.AnswerImagePolicy answerImages = DataFlowConfig.AnswerImagePolicy.DEFAULT;

    DataFlowConfigBuilder() {}

    public DataFlowConfigBuilder detectors(DetectorSuite value) {
        this.detectors = Objects.requireNonNull(value);
        return this;
    }

    public DataFlowConfigBuilder kindLabels(String kind, Labels labels) {
        kindLabels.put(kind.toUpperCase(Locale.ROOT), Objects.requireNonNull(labels));
        return this;
    }

    public DataFlowConfigBuilder unknownKindLabels(Labels value) {
        this.unknownKindLabels = Objects.requireNonNull(value);
        return this;
    }

    public DataFlowConfigBuilder unscannedLabels(Labels value) {
        this.unscannedLabels = Objects.requireNonNull(value);
        return this;
    }

    public DataFlowConfigBuilder fieldLabels(String field, Labels labels) {
        fieldLabels.put(field.toLowerCase(Locale.ROOT), Objects.requireNonNull(labels));
        return this;
    }

    public DataFlowConfigBuilder sinkClearance(String sink, Labels clearance) {
        sinkClearances.put(Objects.requireNonNull(sink), Objects.requireNonNull(clearance));
        return this;
    }

    public DataFlowConfigBuilder defaultSinkClearance(Labels value) {
        this.defaultSinkClearance = Objects.requireNonNull(value);
        return this;
    }

    public DataFlowConfigBuilder egressMode(DataFlowConfig.EgressMode value) {
        this.egressMode = Objects.requireNonNull(value);
        return this;
    }

    public DataFlowConfigBuilder redactionStyle(DataFlowConfig.RedactionStyle value) {
        this.redactionStyle = Objects.requireNonNull(value);
        return this;
    }

    /** Key of the keyed hash used by {@link DataFlowConfig.RedactionStyle#TOKENIZE}; at least 16 bytes. */
    public DataFlowConfigBuilder tokenKey(byte[] value) {
        if (value == null || value.length < 16) {
            throw new IllegalArgumentException("token key must have at least 16 bytes");
        }
        this.tokenKey = value.clone();
        return this;
    }

    public DataFlowConfigBuilder highRiskEffects(Set<Effect> value) {
        this.highRiskEffects = Set.copyOf(value);
        return this;
    }

    public DataFlowConfigBuilder untrustedAction(DataFlowConfig.UntrustedAction value) {
        this.untrustedAction = Objects.requireNonNull(value);
        return this;
    }

    /** What a high-risk argument endorsed by the user (from a source the request names) gets; see {@link DataFlowConfig}. */
    public DataFlowConfigBuilder endorsedAction(DataFlowConfig.EndorsedAction value) {
        this.endorsedAction = Objects.requireNonNull(value);
        return this;
    }

    public DataFlowConfigBuilder approverRoles(String... roles) {
        this.approverRoles = Set.of(roles);
        return this;
    }

    public DataFlowConfigBuilder approvalTtl(Duration value) {
        this.approvalTtl = Objects.requireNonNull(value);
        return this;
    }

    public DataFlowConfigBuilder provenanceArgNames(String... names) {
        provenanceArgNames.addAll(List.of(names));
        return this;
    }

    public DataFlowConfigBuilder amountArgNames(String... names) {
        amountArgNames.addAll(List.of(names));
        return this;
    }

    public DataFlowConfigBuilder denyUnknownOrigin(boolean value) {
        this.denyUnknownOrigin = value;
        return this;
    }

    public DataFlowConfigBuilder ledger(DataFlowConfig.LedgerBounds value) {
        this.ledger = Objects.requireNonNull(value);
        return this;
    }

    public DataFlowConfigBuilder clock(Clock value) {
        this.clock = Objects.requireNonNull(value);
        return this;
    }

    public DataFlowConfigBuilder timeBudget(Duration value) {
        this.timeBudget = Objects.requireNonNull(value);
        return this;
    }

    /** E-mail domains of the organisation; see {@link DataFlowConfig#internalDomains()}. */
    public DataFlowConfigBuilder internalDomains(String... domains) {
        for (String d : domains) {
            if (d == null || d.isBlank() || d.contains("@")) {
                throw new IllegalArgumentException("an internal domain is a bare domain such as acme.example, got '"
                        + d + "'");
            }
            internalDomains.add(d.trim());
        }
        return this;
    }

    /** Fields whose labels bind to their values at egress; see {@link DataFlowConfig#valueScopedFields()}. */
    public DataFlowConfigBuilder valueScopedFields(String... fields) {
        for (String f : fields) {
            if (f == null || f.isBlank()) {
                throw new IllegalArgumentException("a value-scoped field needs a name");
            }
            valueScopedFields.add(f.trim());
        }
        return this;
    }

    /** Auto-loading images in answers; see {@link DataFlowConfig.AnswerImagePolicy}. */
    public DataFlowConfigBuilder answerImages(DataFlowConfig.AnswerImagePolicy.Mode mode, String... allowedHosts) {
        this.answerImages = new DataFlowConfig.AnswerImagePolicy(mode, new LinkedHashSet<>(List.of(allowedHosts)));
        return this;
    }

    public DataFlowConfig build() {
        byte[] key = tokenKey;
        if (key == null) {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        }
        return new DataFlowConfig(detectors == null ? DetectorSuite.defaults() : detectors, kindLabels,
                unknownKindLabels, unscannedLabels, fieldLabels, sinkClearances, defaultSinkClearance, egressMode,
                redactionStyle, key, highRiskEffects, untrustedAction, endorsedAction, approverRoles, approvalTtl, provenanceArgNames,
                amountArgNames, denyUnknownOrigin, ledger, clock, timeBudget, internalDomains, valueScopedFields,
                answerImages);
    }
}
