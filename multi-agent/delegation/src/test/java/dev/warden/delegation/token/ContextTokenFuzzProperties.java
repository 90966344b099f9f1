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
    static final String TASK = "Summarise the payroll report";
    static final GovernanceContext CALLER = new GovernanceContext(
            new Principal("alice", "acme", Set.of("ops"), Map.of()), AgentIdentity.of("analyst"),
            new TaskContext(null, "c", "reporting"), List.of(new Hop("planner", Set.of("files:read"))),
            Labels.of(Confidentiality.CONFIDENTIAL, "HR"), null);

    static String issue() {
        return new ContextTokenIssuer(KEY, "svc-a", CLOCK, Duration.ofSeconds(60)).issue(CALLER, TASK);
    }

    static ContextTokenVerifier verifier() {
        return ContextTokenVerifier.of(TrustedKeys.of(KEY), Set.of("svc-a"), CLOCK, 3);
    }

    @Property(tries = 300)
    void a_flipped_character_is_refused(@ForAll("positions") int position, @ForAll("chars") char replacement) {
        String token = issue();
        int at = position % token.length();
        if (token.charAt(at) == replacement || token.charAt(at) == '.') {
            return;
        }
        String mutated = token.substring(0, at) + replacement + token.substring(at + 1);
        // refused even when the bytes are the same ('+' for '-', or the unused low bits of a segment's last
        // character): a token has exactly one accepted spelling
        assertThatThrownBy(() -> verifier().verify(mutated, "analyst", TASK))
                .isInstanceOf(ContextTokenException.class);
    }

    @net.jqwik.api.Example
    void other_spellings_of_the_same_bytes_are_refused() {
        String token = issue();
        String[] parts = token.split("\\.");
        // the signature segment of an ES256/RS256 token does not end on a byte boundary: its last character carries
        // unused low bits, so a neighbouring character decodes to the same bytes
        String sig = parts[2];
        char last = sig.charAt(sig.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int v = alphabet.indexOf(last);
        int unused = (sig.length() * 6) % 8; // bits of the last character that carry no data
        String sameBytes = unused == 0 ? null
                : parts[0] + "." + parts[1] + "." + sig.substring(0, sig.length() - 1) + alphabet.charAt(v ^ 1);
        if (sameBytes != null) {
            assertThat(Base64.getUrlDecoder().decode(sameBytes.split("\\.")[2]))
                    .isEqualTo(Base64.getUrlDecoder().decode(sig));
            assertThatThrownBy(() -> verifier().verify(sameBytes, "analyst", TASK))
                    .isInstanceOf(ContextTokenException.class);
        }
        String plus = token.replace('-', '+').replace('_', '/');
        if (!plus.equals(token)) {
            assertThatThrownBy(() -> verifier().verify(plus, "analyst", TASK))
                    .isInstanceOf(ContextTokenException.class);
        }
        assertThat(verifier().verify(token, "analyst", TASK).subject()).isEqualTo("alice");
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
        assertThatThrownBy(() -> verifier().verify(token, "analyst", TASK)).isInstanceOf(ContextTokenException.class);
    }

    @Property(tries = 300)
    void junk_never_crashes_the_verifier(@ForAll("junk") String junk) {
        try {
            verifier().verify(junk, "analyst", TASK);
        } catch (ContextTokenException expected) {
            return;
        }
        throw new AssertionError("junk was accepted: " + junk);
    }

    @Property(tries = 20)
    void an_untouched_token_verifies_once(@ForAll("positions") int ignored) {
        assertThat(verifier().verify(issue(), "analyst", TASK).subject()).isEqualTo("alice");
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
