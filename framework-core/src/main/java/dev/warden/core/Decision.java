package dev.warden.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One plane's answer at a checkpoint. Sealed and immutable.
 *
 * <ul>
 *   <li>{@link Allow} — proceed (with obligations);</li>
 *   <li>{@link Deny} — refuse, with a human-readable reason and a stable code;</li>
 *   <li>{@link RequireApproval} — suspend until a human with one of the approver roles decides;</li>
 *   <li>{@link RequireConfirmation} — suspend until the <em>requester</em> confirms this exact call (its arguments are
 *       hashed; a changed argument needs a new confirmation);</li>
 *   <li>{@link Transform} — proceed with a changed payload (redacted arguments or content) and/or raised labels;</li>
 *   <li>{@link Failure} — the plane could not decide (threw, timed out, returned nothing). <em>Not</em> a deny, and
 *       recorded apart from one, but it stops the action all the same: Warden fails closed.</li>
 * </ul>
 *
 * <p>Combining ({@link DecisionCombiner}): any enforced Deny wins, then Failure, then RequireApproval, then
 * RequireConfirmation, then Transforms in plane order; obligations accumulate. Decisions in {@link Basis.Mode#MONITOR} are recorded, never enforced.
 *
 * <pre>{@code
 * return Decision.deny("CRM is read-only for this agent", "WARDEN-ACT-0001",
 *         Basis.rule("action-boundary", "crm-analyst", "7", "crm-read-only"));
 * }</pre>
 */
public sealed interface Decision
        permits Decision.Allow, Decision.Deny, Decision.RequireApproval, Decision.RequireConfirmation, Decision.Transform,
        Decision.Failure {

    Basis basis();

    /** Why, for the audit record and the caller; {@code null} for an allow. */
    default String reason() {
        return null;
    }

    /** The stable error code of a deny or a failure; {@code null} otherwise. */
    default String code() {
        return null;
    }

    /**
     * The decision's kind as audit records, run summaries and telemetry name it: {@code ALLOW}, {@code DENY},
     * {@code ERROR} (a plane failed — blocks all the same), {@code REQUIRE_APPROVAL}, {@code REQUIRE_CONFIRMATION} or
     * {@code TRANSFORM}.
     */
    default String kind() {
        if (this instanceof Deny) {
            return "DENY";
        } else if (this instanceof Failure) {
            return "ERROR";
        } else if (this instanceof RequireApproval) {
            return "REQUIRE_APPROVAL";
        } else if (this instanceof RequireConfirmation) {
            return "REQUIRE_CONFIRMATION";
        } else if (this instanceof Transform) {
            return "TRANSFORM";
        }
        return "ALLOW";
    }

    /**
     * Allow, with the obligations the runtime must honour. {@code origins} optionally says where the call's arguments
     * came from (a plane that traced them), so that a confirmation or approval another plane asks for can show it.
     */
    record Allow(List<Obligation> obligations, List<ArgumentOrigin> origins, Basis basis) implements Decision {
        public Allow {
            obligations = obligations == null ? List.of() : List.copyOf(obligations);
            origins = origins == null ? List.of() : List.copyOf(origins);
            Objects.requireNonNull(basis, "basis");
        }

        /** Without argument origins. */
        public Allow(List<Obligation> obligations, Basis basis) {
            this(obligations, List.of(), basis);
        }
    }

    /** Refuse. {@code code} is stable (e.g. {@code WARDEN-ACT-0003}); {@code reason} is for humans and the model. */
    record Deny(String reason, String code, Basis basis) implements Decision {
        public Deny {
            reason = reason == null || reason.isBlank() ? "denied by policy" : reason;
            code = code == null ? WardenCodes.POLICY_DENY : code;
            Objects.requireNonNull(basis, "basis");
        }
    }

    /**
     * Suspend until approved.
     *
     * @param approverRoles roles allowed to approve; empty means any authenticated approver other than the requester
     * @param ttl time after which the pending approval expires and turns into a denial
     */
    record RequireApproval(String reason, Set<String> approverRoles, Duration ttl, List<ArgumentOrigin> origins,
            Basis basis) implements Decision {
        public static final Duration DEFAULT_TTL = Duration.ofHours(24);

        public RequireApproval {
            reason = reason == null || reason.isBlank() ? "approval required by policy" : reason;
            approverRoles = approverRoles == null ? Set.of() : Set.copyOf(approverRoles);
            ttl = ttl == null || ttl.isNegative() || ttl.isZero() ? DEFAULT_TTL : ttl;
            origins = origins == null ? List.of() : List.copyOf(origins);
            Objects.requireNonNull(basis, "basis");
        }

        /** Without argument origins. */
        public RequireApproval(String reason, Set<String> approverRoles, Duration ttl, Basis basis) {
            this(reason, approverRoles, ttl, List.of(), basis);
        }
    }

    /**
     * Suspend until the requester confirms this exact call. Unlike {@link RequireApproval} no second person is
     * involved: the question is "did <em>you</em> mean this?", asked of the user on whose behalf the agent acts, with
     * every argument's value and origin shown. The confirmation binds a digest of the arguments; any other arguments
     * need a new confirmation.
     *
     * @param ttl time after which the pending confirmation expires and turns into a refusal
     * @param origins where the arguments came from, as far as the deciding plane knows
     * @param declassification when confirming also lowers the labels of what leaves ({@link Declassification}), what
     *     is lowered; {@code null} for a plain confirmation
     */
    record RequireConfirmation(String reason, Duration ttl, List<ArgumentOrigin> origins, Basis basis,
            Declassification declassification) implements Decision {
        public static final Duration DEFAULT_TTL = Duration.ofHours(1);

        public RequireConfirmation {
            reason = reason == null || reason.isBlank() ? "confirmation required by policy" : reason;
            ttl = ttl == null || ttl.isNegative() || ttl.isZero() ? DEFAULT_TTL : ttl;
            origins = origins == null ? List.of() : List.copyOf(origins);
            Objects.requireNonNull(basis, "basis");
        }

        /** A confirmation that declassifies nothing. */
        public RequireConfirmation(String reason, Duration ttl, List<ArgumentOrigin> origins, Basis basis) {
            this(reason, ttl, origins, basis, null);
        }
    }

    /**
     * Proceed with a changed payload. {@code null} fields mean "unchanged".
     *
     * @param arguments replacement tool arguments (e.g. redacted), or {@code null}
     * @param content replacement content, or {@code null}
     * @param labels labels to join into the content's labels (e.g. detector findings), or {@code null}
     * @param reason why, including which kinds were masked, for the audit record
     * @param placement where in a JSON content the {@code labels} were found, or {@code null} when unknown (they then
     *     count for the whole content); see {@link LabelPlacement}
     */
    record Transform(Map<String, Object> arguments, String content, Labels labels, String reason, Basis basis,
            LabelPlacement placement) implements Decision {
        public Transform {
            arguments = arguments == null ? null : java.util.Collections.unmodifiableMap(
                    new java.util.LinkedHashMap<>(arguments));
            reason = reason == null ? "transformed by policy" : reason;
            Objects.requireNonNull(basis, "basis");
        }

        /** A transform whose labels, if any, are not placed. */
        public Transform(Map<String, Object> arguments, String content, Labels labels, String reason, Basis basis) {
            this(arguments, content, labels, reason, basis, null);
        }

        /** Applies this transform to a request. */
        public CheckpointRequest applyTo(CheckpointRequest request) {
            CheckpointRequest r = request;
            if (arguments != null) {
                r = r.withArguments(arguments);
            }
            if (content != null) {
                r = r.withContent(content);
            }
            if (labels != null) {
                r = r.withContentLabels(r.contentLabels().join(labels));
            }
            return r;
        }
    }

    /** The plane failed to decide. Blocks the action (fail closed) but is recorded as an error, not a deny. */
    record Failure(String reason, String code, Basis basis) implements Decision {
        public Failure {
            reason = reason == null ? "policy evaluation failed" : reason;
            code = code == null ? WardenCodes.PLANE_ERROR : code;
            Objects.requireNonNull(basis, "basis");
        }
    }

    static Allow allow(Basis basis) {
        return new Allow(List.of(), basis);
    }

    static Allow allow(String plane) {
        return new Allow(List.of(), Basis.of(plane));
    }

    static Deny deny(String reason, String code, Basis basis) {
        return new Deny(reason, code, basis);
    }

    static Deny deny(String plane, String reason) {
        return new Deny(reason, WardenCodes.POLICY_DENY, Basis.of(plane));
    }

    static RequireApproval requireApproval(String reason, Set<String> approverRoles, Duration ttl, Basis basis) {
        return new RequireApproval(reason, approverRoles, ttl, basis);
    }

    static RequireConfirmation requireConfirmation(String reason, Duration ttl, Basis basis) {
        return new RequireConfirmation(reason, ttl, List.of(), basis);
    }

    static RequireConfirmation requireConfirmation(String reason, Duration ttl, List<ArgumentOrigin> origins,
            Basis basis) {
        return new RequireConfirmation(reason, ttl, origins, basis);
    }

    static Transform redactArguments(Map<String, Object> arguments, String reason, Basis basis) {
        return new Transform(arguments, null, null, reason, basis);
    }

    static Transform replaceContent(String content, String reason, Basis basis) {
        return new Transform(null, content, null, reason, basis);
    }

    static Failure failure(String reason, String code, Basis basis) {
        return new Failure(reason, code, basis);
    }
}
