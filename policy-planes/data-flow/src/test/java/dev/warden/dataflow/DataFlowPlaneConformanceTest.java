package dev.warden.dataflow;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Confidentiality;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Labels;
import dev.warden.core.testing.AbstractPolicyPlaneConformanceTest;
import dev.warden.dataflow.detect.Detector;
import dev.warden.dataflow.detect.DetectorSuite;
import dev.warden.dataflow.detect.Finding;
import dev.warden.spi.PolicyPlane;
import java.util.List;
import java.util.Map;
import java.util.Set;

class DataFlowPlaneConformanceTest extends AbstractPolicyPlaneConformanceTest {

    @Override
    protected PolicyPlane plane() {
        return new DataFlowPlane(DataFlowConfig.builder()
                .sinkClearance(DataFlowConfig.USER_CHANNEL, Labels.of(Confidentiality.CONFIDENTIAL, "FINANCIAL"))
                .build());
    }

    @Override
    protected PolicyPlane brokenPlane() {
        Detector throwing = new Detector() {
            public String name() {
                return "broken";
            }

            public Set<String> kinds() {
                return Set.of("X");
            }

            public List<Finding> detect(CharSequence text) {
                throw new IllegalStateException("classifier unavailable");
            }
        };
        return new DataFlowPlane(DataFlowConfig.builder()
                .detectors(DetectorSuite.builder().detector(throwing).build()).build());
    }

    /** The public-posting tool may receive only PUBLIC data; the arguments carry an e-mail address (PII). */
    @Override
    protected CheckpointRequest deniedRequest() {
        return Fixtures.call(Fixtures.PUBLIC_POST, Map.of("text", "write to jane.doe@example.com"), "post it");
    }

    @Override
    protected GovernanceContext context() {
        return Fixtures.context("run-conformance");
    }

    @Override
    protected List<String> expectedDenyRuleIds() {
        return List.of(DataFlowCodes.RULE_EGRESS);
    }

    /** A tool call without its tool, a delegation without a target, binary output to a user with finite clearance. */
    @Override
    protected List<CheckpointRequest> malformedRequests() {
        return List.of(
                new CheckpointRequest(Checkpoint.TOOL_CALL, 1, null, "c", Map.of("to", "x"), null, null, null, null),
                new CheckpointRequest(Checkpoint.DELEGATION, 1, null, null, null, "do it", null, null, null),
                new CheckpointRequest(Checkpoint.AGENT_OUTPUT, 1, null, null, null, "\u0000\u0001binary\u0000",
                        null, "user", null));
    }
}
