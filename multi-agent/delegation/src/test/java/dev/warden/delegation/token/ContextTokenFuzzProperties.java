package dev.warden.delegation.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Confidentiality;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Hop;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutational fuzzing of the delegation-token verifier: whatever is done to a valid token — a flipped character, a
 * re-encoded payload with widened scopes or lowered labels, truncation, junk — verification either returns exactly
 * the issued claims or throws {@link ContextTokenException}; it never throws anything else and never accepts a change.
 */
class ContextTokenFuzzProperties {
    static final TestClock CLOCK = TestClock.at("2025-06-01T10:00:00Z");
    static final SigningKey KEY = SigningKey.generateEs256("k-fuzz");
    static final GovernanceContext CALLER = new GovernanceContext(
            new Principal("alice", "acme", Set.of("ops"), Map.of()), AgentIdentity.of("analyst"),
            new TaskContext(null, "c", "reporting"), List.of(new Hop("planner", Set.of("files:read"))),
            Labels.of(Confidentiality.CONFIDENTIAL, "HR"), null);

    static String issue() {
        return new ContextTokenIssuer(KEY, "svc-a", CLOCK, Duration.ofSeconds(60)).issue(CALLER);
    }

    static ContextTokenVerifier verifier() {
        return ContextTokenVerifier.of(TrustedKeys.of(KEY), CLOCK, 3);
    }

    @Property(tries = 300)
    void a_flipped_character_is_refused(@ForAll("positions") int position, @ForAll("chars") char replacement) {
        String token = issue();
        int at = position % token.length();
        if (token.charAt(at) == replacement || token.charAt(at) == '.') {
            return;
        }
        String mutated = token.substring(0, at) + replacement + token.substring(at + 1);
        if (sameBytes(token, mutated)) {
            return; // base64url's unused low bits of a segment's last character: the same token
        }
        assertThatThrownBy(() -> verifier().verify(mutated, "analyst")).isInstanceOf(ContextTokenException.class);
    }

    @Property(tries = 100)
    void a_rewritten_payload_with_the_original_signature_is_refused(@ForAll("payloadEdits") String[] edit) {
        String[] parts = issue().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = payload.replace(edit[0], edit[1]);
        if (forged.equals(payload)) {
            return;
        }
        String token = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThatThrownBy(() -> verifier().verify(token, "analyst")).isInstanceOf(ContextTokenException.class);
    }

    @Property(tries = 300)
    void junk_never_crashes_the_verifier(@ForAll("junk") String junk) {
        try {
            verifier().verify(junk, "analyst");
        } catch (ContextTokenException expected) {
            return;
        }
        throw new AssertionError("junk was accepted: " + junk);
    }

    @Property(tries = 20)
    void an_untouched_token_verifies_once(@ForAll("positions") int ignored) {
        assertThat(verifier().verify(issue(), "analyst").subject()).isEqualTo("alice");
    }

    private static boolean sameBytes(String a, String b) {
        String[] x = a.split("\\.", -1);
        String[] y = b.split("\\.", -1);
        if (x.length != y.length) {
            return false;
        }
        try {
            for (int i = 0; i < x.length; i++) {
                if (!java.util.Arrays.equals(Base64.getUrlDecoder().decode(x[i]), Base64.getUrlDecoder().decode(y[i]))) {
                    return false;
                }
            }
            return true;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 4000);
    }

    @Provide
    Arbitrary<Character> chars() {
        return Arbitraries.of('A', 'z', '0', '-', '_', '=', '+', '/', '.', ' ');
    }

    @Provide
    Arbitrary<String[]> payloadEdits() {
        return Arbitraries.of(
                new String[] {"files:read", "files:write"},
                new String[] {"CONFIDENTIAL", "PUBLIC"},
                new String[] {"alice", "mallory"},
                new String[] {"acme", "other"},
                new String[] {"\"analyst\"", "\"admin\""},
                new String[] {"planner", "root"});
    }

    @Provide
    Arbitrary<String> junk() {
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(400);
        Arbitrary<String> dotted = Arbitraries.strings().withChars("abcXYZ019-_.=").ofMinLength(1).ofMaxLength(300);
        Arbitrary<String> none = Arbitraries.strings().alpha().ofMaxLength(40)
                .map(s -> Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                        + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"sub\":\"" + s + "\"}")
                                .getBytes()) + ".");
        return Arbitraries.oneOf(any, dotted, none);
    }
}
