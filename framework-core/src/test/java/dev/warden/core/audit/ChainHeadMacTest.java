package dev.warden.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Head signatures are plain HMAC-SHA256, the same from any thread (one keyed instance is cloned per signature). */
class ChainHeadMacTest {
    static final byte[] KEY = "0123456789abcdef-head-key".getBytes(StandardCharsets.US_ASCII);

    static String hmac(String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void a_head_signature_is_the_hmac_of_tenant_seq_and_hash() throws Exception {
        ChainHeadMac mac = new ChainHeadMac(KEY);
        assertThat(mac.sign("acme", 7, "ab".repeat(32))).isEqualTo(hmac("acme\n7\n" + "ab".repeat(32)));
        assertThat(mac.verify("acme", 7, "ab".repeat(32), hmac("acme\n7\n" + "ab".repeat(32)))).isTrue();
        assertThat(mac.verify("acme", 8, "ab".repeat(32), hmac("acme\n7\n" + "ab".repeat(32)))).isFalse();
    }

    @Test
    void signatures_from_many_threads_equal_a_fresh_hmac() throws Exception {
        ChainHeadMac mac = new ChainHeadMac(KEY);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = IntStream.range(0, 2_000).mapToObj(i -> pool.submit(() -> {
                Map<String, HashChain.Head> heads = Map.of("t" + (i % 5), new HashChain.Head(i, "cd".repeat(32)));
                String expected = hmac("warden-jsonl-heads-v1\n" + CanonicalJson.write(
                        Map.of("t" + (i % 5), Map.of("hash", "cd".repeat(32), "seq", (long) i))));
                return mac.signHeads(heads).equals(expected) && mac.verifyHeads(heads, expected);
            })).toList();
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
