package dev.warden.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Review11 M1 and M2 (decision 0057): keys that read back alike from UTF-8, and a key given twice in a stored line.
 */
class KeysReadBackTest {

    private static DecisionRecord toolCall(Map<String, Object> args, String outcome) {
        return new DecisionRecord(null, "t", null, null, "2026-12-05T14:00:00Z", null, null, "run", 1, "TOOL_CALL", "u",
                "a", List.of(), "send_money", null, null, args, null, outcome, null, null, List.of(), List.of(),
                List.of(), null, null, 1);
    }

    /** The line as a JSONL file holds it and the verifier reads it: through UTF-8. */
    private static String stored(HashChain.LinkedBytes l) {
        String text = new String(l.line(), StandardCharsets.UTF_8);
        return text.substring(0, text.length() - 1);
    }

    @Test
    void arguments_whose_keys_read_back_alike_are_stored_once_and_the_chain_verifies() {
        HashChain chain = new HashChain();
        List<String> lines = new ArrayList<>();
        Map<String, Object> collide = new LinkedHashMap<>();
        collide.put("a\uD800", 1);
        collide.put("a\uD801", 2);
        Map<String, Object> withQuestionMark = new LinkedHashMap<>();
        withQuestionMark.put("iban\uDC00", "DE89370400440532013000");
        withQuestionMark.put("iban?", "GB33BUKB20201555555555");
        withQuestionMark.put("nested", Map.of("k\uD800", List.of(Map.of("x\uDFFF", true, "x?", false))));
        for (Map<String, Object> args : List.of(collide, withQuestionMark, Map.<String, Object>of("amount", 10))) {
            String line = stored(chain.linkForFile(toolCall(args, "DENY")));
            lines.add(line);
            assertThat(line).doesNotContain("\"a?\":1,\"a?\"").doesNotContain("\"iban?\":\"DE89370400440532013000\",\"iban?\"");
        }
        ChainVerification v = HashChainVerifier.verify(lines);
        assertThat(v.valid()).as(v.toString()).isTrue();
        assertThat(v.records()).isEqualTo(3);
    }

    @Test
    void a_line_with_a_key_put_in_front_of_the_records_own_is_reported_as_altered() {
        String line = stored(new HashChain().linkForFile(toolCall(Map.of("amount", 10), "DENY")));
        assertThat(HashChainVerifier.verify(List.of(line)).valid()).isTrue();
        String forged = "{\"outcome\":\"ALLOW\",\"args\":{\"amount\":10000}," + line.substring(1);
        ChainVerification v = HashChainVerifier.verify(List.of(forged));
        assertThat(v.valid()).isFalse();
        assertThat(v.message()).contains("record 1");
    }
}
