package dev.warden.dataflow;

import static dev.warden.dataflow.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Confidentiality;
import dev.warden.core.Decision;
import dev.warden.core.Labels;
import dev.warden.dataflow.detect.Detector;
import dev.warden.dataflow.detect.DetectorSuite;
import dev.warden.dataflow.detect.Finding;
import dev.warden.spi.OutputScreen;
import dev.warden.spi.ScreenMemo;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Decision 0058: the detectors do not run for an egress whose sink admits every label ({@code RESTRICTED/*}, the
 * answer channel's default), since nothing they find could change the outcome; below that clearance they run as
 * before.
 */
class UnreadScansTest {
    /** Counts its scans and finds the text "SECRET-PHI" as a PHI-labelled kind. */
    static final class CountingDetector implements Detector {
        final AtomicInteger scans = new AtomicInteger();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public Set<String> kinds() {
            return Set.of("PHI_CODE");
        }

        @Override
        public List<Finding> detect(CharSequence text) {
            scans.incrementAndGet();
            int at = text.toString().indexOf("SECRET-PHI");
            return at < 0 ? List.of() : List.of(new Finding("PHI_CODE", at, 10, 0.99));
        }
    }

    final CountingDetector counting = new CountingDetector();

    DataFlowPlane plane(Labels userClearance) {
        DataFlowConfigBuilder b = DataFlowConfig.builder()
                .detectors(DetectorSuite.builder().detector(counting).build())
                .kindLabels("PHI_CODE", Labels.of(Confidentiality.RESTRICTED, "PHI"));
        if (userClearance != null) {
            b.sinkClearance(DataFlowConfig.USER_CHANNEL, userClearance);
        }
        return new DataFlowPlane(b.build());
    }

    static CheckpointRequest answer(String text) {
        return new CheckpointRequest(Checkpoint.AGENT_OUTPUT, 3, null, null, null, text, null, "user", null);
    }

    @Test
    void an_answer_to_a_sink_that_admits_everything_is_not_scanned_and_is_allowed() {
        DataFlowPlane plane = plane(Labels.UNRESTRICTED);
        Decision d = plane.evaluate(answer("code SECRET-PHI"), context("r"));
        assertThat(d).isInstanceOf(Decision.Allow.class);
        OutputScreen.Screening s = plane.screen(answer("code SECRET-PHI"), context("r"), new ScreenMemo());
        assertThat(s.refusal()).isNull();
        assertThat(s.spans()).isEmpty();
        plane.prepare(answer("code SECRET-PHI and more text"), context("r"), new ScreenMemo());
        assertThat(counting.scans).hasValue(0);
    }

    @Test
    void an_answer_to_a_sink_below_the_top_is_scanned_and_refused_above_its_clearance() {
        DataFlowPlane plane = plane(Labels.of(Confidentiality.CONFIDENTIAL, "FINANCIAL"));
        Decision d = plane.evaluate(answer("code SECRET-PHI"), context("r"));
        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(((Decision.Deny) d).code()).isEqualTo(DataFlowCodes.EGRESS_ABOVE_CLEARANCE);
        assertThat(plane.screen(answer("code SECRET-PHI"), context("r"), new ScreenMemo()).refusal()).isNotNull();
        assertThat(counting.scans.get()).isPositive();
    }

    @Test
    void a_clearance_of_the_top_level_without_every_category_still_scans() {
        DataFlowPlane plane = plane(Labels.of(Confidentiality.RESTRICTED, "FINANCIAL"));
        assertThat(plane.evaluate(answer("code SECRET-PHI"), context("r"))).isInstanceOf(Decision.Deny.class);
        assertThat(counting.scans.get()).isPositive();
    }

    @Test
    void tool_results_are_still_scanned_and_labelled_whatever_the_sinks_admit() {
        DataFlowPlane plane = plane(Labels.UNRESTRICTED);
        Decision d = plane.evaluate(result(TRANSACTIONS, "note SECRET-PHI", "show my transactions"), context("r"));
        assertThat(counting.scans.get()).isPositive();
        assertThat(d).isInstanceOf(Decision.Transform.class);
        assertThat(((Decision.Transform) d).labels().hasCategory("PHI")).isTrue();
    }
}
