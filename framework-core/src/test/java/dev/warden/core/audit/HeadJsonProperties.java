package dev.warden.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Decision 0072: the signed head written by hand ({@link HeadJson}) is byte for byte the head Jackson wrote before, and
 * its signature the same HMAC, for every set of heads — plain tenants (the hand path) and tenants or boots holding
 * quotes, backslashes, controls, non-ASCII letters or surrogates (the Jackson path) alike — so that heads written by
 * either version verify under the other.
 */
class HeadJsonProperties {
    private static final byte[] KEY = "0123456789abcdef-head-json-key".getBytes(StandardCharsets.US_ASCII);

    @Property(tries = 2000)
    void the_stored_head_and_its_signature_are_those_jackson_wrote(@ForAll("heads") Map<String, HashChain.Head> heads,
            @ForAll("boots") String boot) throws Exception {
        ChainHeadMac mac = new ChainHeadMac(KEY);
        JsonlHeadFile file = new JsonlHeadFile(Path.of("unused.jsonl"), mac, false);
        Map<String, Map<String, Object>> sorted = new TreeMap<>();
        heads.forEach((t, h) -> sorted.put(t, Map.of("seq", h.seq(), "hash", h.hash())));
        String v1 = hmac("warden-jsonl-heads-v1\n" + CanonicalJson.write(sorted));
        String v2 = hmac("warden-jsonl-heads-v2\n" + CanonicalJson.write(Map.of("boot", boot, "heads", sorted)));
        assertThat(mac.signHeads(heads)).isEqualTo(v1);
        assertThat(mac.signHeads(heads, boot)).isEqualTo(v2);
        assertThat(file.canonical(heads, boot)).isEqualTo(jacksonHead(heads, boot, v2));
        assertThat(file.canonical(heads, null)).isEqualTo(jacksonHead(heads, null, v1));
        assertThat(mac.verifyHeads(heads, boot, v2)).isTrue();
        boolean plain = HeadJson.plain(boot) && heads.entrySet().stream()
                .allMatch(e -> HeadJson.plain(e.getKey()) && HeadJson.plain(e.getValue().hash()));
        assertThat(HeadJson.heads(heads) != null && HeadJson.withBoot(boot, HeadJson.heads(heads)) != null)
                .as("plain heads take the hand-written path").isEqualTo(plain);
    }

    /** The stored head exactly as {@code JsonlHeadFile.write} built it before decision 0072. */
    private static String jacksonHead(Map<String, HashChain.Head> heads, String boot, String signature) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> byTenant = new LinkedHashMap<>();
        heads.forEach((t, h) -> byTenant.put(t, Map.of("seq", h.seq(), "hash", h.hash())));
        if (boot != null) {
            body.put("boot", boot);
        }
        body.put("heads", byTenant);
        body.put("mac", signature);
        return CanonicalJson.write(body);
    }

    private static String hmac(String message) throws Exception {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(KEY, "HmacSHA256"));
        return HexFormat.of().formatHex(m.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<Map<String, HashChain.Head>> heads() {
        Arbitrary<String> hash = Arbitraries.oneOf(Arbitraries.strings().withChars("0123456789abcdef").ofLength(64),
                Arbitraries.just(HashChain.GENESIS), text());
        Arbitrary<HashChain.Head> head = Arbitraries.longs().between(0, Long.MAX_VALUE).flatMap(seq -> hash
                .map(h -> new HashChain.Head(seq, h)));
        return Arbitraries.maps(text(), head).ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> boots() {
        return Arbitraries.oneOf(Arbitraries.just("3f1c2a9e-5b7d-4c21-9a0e-0d6b5e2f7a11"), Arbitraries.just("closed"),
                text());
    }

    /** Mostly plain tenant-like ids, with every kind of character Jackson escapes or encodes mixed in. */
    private static Arbitrary<String> text() {
        Arbitrary<String> plain = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(24);
        Arbitrary<String> ids = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars("-_.").ofMinLength(1)
                .ofMaxLength(16);
        Arbitrary<String> odd = Arbitraries.strings().withChars("\"\\/\u0000\u001f\u007f\u00e9\u2028\ud83d\ude00\ud800aZ ")
                .ofMaxLength(8);
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(8);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, ids), net.jqwik.api.Tuple.of(2, plain),
                net.jqwik.api.Tuple.of(2, odd), net.jqwik.api.Tuple.of(1, any));
    }
}
