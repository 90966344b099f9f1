package dev.warden.test;

import dev.warden.core.Confidentiality;
import dev.warden.core.Labels;
import java.util.Arrays;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;

/**
 * Fluent assertions on one run (see {@link WardenAssertions}). A failure message shows the run's status and every
 * decision, so a failing test says what Warden actually decided.
 */
public final class RunAssert extends AbstractAssert<RunAssert, RunSnapshot> {
    RunAssert(RunSnapshot actual) {
        super(actual, RunAssert.class);
    }

    public RunAssert completed() {
        return hasStatus("COMPLETED");
    }

    public RunAssert awaitingApproval() {
        return hasStatus("AWAITING_APPROVAL");
    }

    public RunAssert awaitingConfirmation() {
        return hasStatus("AWAITING_CONFIRMATION");
    }

    /** The run as a whole was stopped by a policy (not merely one tool call refused). */
    public RunAssert denied() {
        return hasStatus("DENIED");
    }

    /** The run's status, e.g. {@code FAILED}. */
    public RunAssert hasStatus(String status) {
        isNotNull();
        if (!status.equals(actual.status())) {
            failWithMessage("expected %s to be %s but was %s; decisions: %s", actual.source(), status,
                    actual.status(), actual.decisions());
        }
        return this;
    }

    /** Some checkpoint of the run was denied by a rule with this id (the run itself may still have completed). */
    public RunAssert deniedBy(String ruleId) {
        return decided("DENY", ruleId);
    }

    /** Some checkpoint of the run asked for approval under this rule. */
    public RunAssert approvalRequiredBy(String ruleId) {
        return decided("REQUIRE_APPROVAL", ruleId);
    }

    /** Some checkpoint of the run asked the requester to confirm under this rule. */
    public RunAssert confirmationRequiredBy(String ruleId) {
        return decided("REQUIRE_CONFIRMATION", ruleId);
    }

    /** Some call of {@code tool} got the decision {@code decision} (ALLOW, DENY, REQUIRE_APPROVAL ...). */
    public RunAssert decidedFor(String tool, String decision) {
        return hasDecision(d -> tool.equals(d.tool()) && decision.equals(d.decision()),
                "a " + decision + " for tool " + tool);
    }

    /** No call of {@code tool} was allowed (none was attempted, or every attempt was stopped). */
    public RunAssert neverAllowed(String tool) {
        isNotNull();
        if (actual.decisions().stream().anyMatch(d -> tool.equals(d.tool()) && "ALLOW".equals(d.decision()))) {
            failWithMessage("expected no ALLOW for tool %s in %s but got: %s", tool, actual.source(),
                    actual.decisions());
        }
        return this;
    }

    /**
     * The run's accumulated labels reach at least {@code level} and carry every category (in-process runs only: the
     * REST shape does not report labels).
     */
    public RunAssert labelled(Confidentiality level, String... categories) {
        Labels labels = labels();
        boolean ok = labels.level().compareTo(level) >= 0
                && Arrays.stream(categories).allMatch(labels::hasCategory);
        if (!ok) {
            failWithMessage("expected %s to be labelled at least %s %s but was %s", actual.source(), level,
                    Arrays.toString(categories), labels);
        }
        return this;
    }

    /** Untrusted content entered the run (in-process runs only). */
    public RunAssert labelledUntrusted() {
        if (!labels().isUntrusted()) {
            failWithMessage("expected %s to have read untrusted content but its labels are %s", actual.source(),
                    labels());
        }
        return this;
    }

    public RunAssert outputContains(String text) {
        isNotNull();
        if (actual.output() == null || !actual.output().contains(text)) {
            failWithMessage("expected the output of %s to contain <%s> but was <%s>", actual.source(), text,
                    actual.output());
        }
        return this;
    }

    private Labels labels() {
        isNotNull();
        if (actual.labels() == null) {
            failWithMessage("%s carries no labels: the REST run view does not report them; assert on the "
                    + "in-process RunResult", actual.source());
        }
        return actual.labels();
    }

    private RunAssert decided(String decision, String ruleId) {
        return hasDecision(d -> decision.equals(d.decision()) && d.ruleIds().contains(ruleId),
                "a " + decision + " by rule " + ruleId);
    }

    private RunAssert hasDecision(Predicate<RunSnapshot.Decision> match, String wanted) {
        isNotNull();
        if (actual.decisions().stream().noneMatch(match)) {
            failWithMessage("expected %s in %s (status %s) but its decisions were: %s", wanted, actual.source(),
                    actual.status(), actual.decisions());
        }
        return this;
    }
}
