package dev.warden.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLatenciesTest {

    private static String record(String checkpoint, String tool, String outcome, long micros) {
        return "{\"checkpoint\":\"" + checkpoint + "\"," + (tool == null ? "" : "\"tool\":\"" + tool + "\",")
                + "\"outcome\":\"" + outcome + "\",\"latencyMicros\":" + micros + "}\n";
    }

    @Test
    void latencies_are_broken_down_by_checkpoint_and_by_tool_and_outcome_after_the_warm_up(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("decisions.jsonl");
        Files.writeString(file, record("TOOL_RESULT", "get_balance", "ALLOW", 9999) // warm-up, skipped
                + record("TOOL_RESULT", "get_balance", "ALLOW", 10)
                + record("TOOL_RESULT", "get_most_recent_transactions", "ALLOW", 200)
                + record("TOOL_CALL", "send_money", "DENY", 100)
                + record("TOOL_CALL", "send_money", "ALLOW", 4)
                + record("AGENT_OUTPUT", null, "ALLOW", 30));

        AuditLatencies a = AuditLatencies.read(file, 1);

        assertThat(a.records()).isEqualTo(5);
        assertThat(a.firstCallMicros()).isEqualTo(9999);
        assertThat(a.breakdown()).extracting(AuditLatencies.Group::name).containsExactly("AGENT_OUTPUT",
                "TOOL_CALL", "TOOL_CALL  send_money ALLOW", "TOOL_CALL  send_money DENY", "TOOL_RESULT",
                "TOOL_RESULT  get_balance ALLOW", "TOOL_RESULT  get_most_recent_transactions ALLOW");
        AuditLatencies.Group results = a.breakdown().get(4);
        assertThat(results.records()).isEqualTo(2);
        assertThat(results.p50()).isEqualTo(10);
        assertThat(results.max()).isEqualTo(200);
        assertThat(a.breakdown().get(3).p99()).isEqualTo(100);
        assertThat(a.table("  ")).contains("TOOL_CALL  send_money DENY").contains("p99");
    }
}
