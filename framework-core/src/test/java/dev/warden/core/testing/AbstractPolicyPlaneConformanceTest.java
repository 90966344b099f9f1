package dev.warden.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Outcome;
import dev.warden.core.Verdict;
import dev.warden.spi.PolicyPlane;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite every policy plane extends. It checks the promises the runtime relies on: a plane that fails
 * is a failure (never an allow), denials name their rules, malformed input is never allowed, and evaluation is
 * thread-safe and deterministic.
 */
public abstract class AbstractPolicyPlaneConformanceTest {

    /** The plane under test, configured with its normal fixtures. */
    protected abstract PolicyPlane plane();

    /** The same plane whose internals fail (a broken policy, a throwing dependency…). */
    protected abstract PolicyPlane brokenPlane();

    /** A request and context this plane denies. */
    protected abstract CheckpointRequest deniedRequest();

    protected abstract GovernanceContext context();

    /** Rule ids the denial of {@link #deniedRequest()} must record. */
    protected abstract List<String> expectedDenyRuleIds();

    /** Malformed requests the plane must not allow (missing arguments, wrong types, garbage content…). */
    protected abstract List<CheckpointRequest> malformedRequests();

    private Verdict through(PolicyPlane plane, CheckpointRequest request) {
        return Governor.builder().plane(plane).build().check(request, context());
    }

    @Test
    void has_a_name_and_subscribes_to_checkpoints() {
        assertThat(plane().name()).isNotBlank();
        assertThat(plane().checkpoints()).isNotEmpty();
    }

    @Test
    void fails_closed_when_its_internals_fail() {
        Verdict v = through(brokenPlane(), deniedRequest());
        assertThat(v.outcome()).isIn(Outcome.ERROR, Outcome.DENY);
        assertThat(v.proceeds()).isFalse();
    }

    @Test
    void denial_records_rule_ids() {
        Verdict v = through(plane(), deniedRequest());
        assertThat(v.outcome()).isEqualTo(Outcome.DENY);
        assertThat(v.ruleIds()).containsAll(expectedDenyRuleIds());
        assertThat(v.code()).isNotBlank();
    }

    @Test
    void never_allows_malformed_input() {
        for (CheckpointRequest r : malformedRequests()) {
            Verdict v = through(plane(), r);
            assertThat(v.proceeds()).as("malformed request %s", r).isFalse();
        }
    }

    @Test
    void evaluation_is_deterministic_under_concurrency() throws Exception {
        PolicyPlane p = plane();
        Outcome expected = through(p, deniedRequest()).outcome();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Outcome>> fs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                fs.add(pool.submit(() -> Governor.builder().plane(p).build().check(deniedRequest(), context())
                        .outcome()));
            }
            for (Future<Outcome> f : fs) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
