package dev.warden.a2a.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.a2a.A2aCodes;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Outcome;
import dev.warden.core.Principal;
import dev.warden.core.Verdict;
import dev.warden.core.audit.CanonicalJson;
import io.a2a.spec.AgentCard;
import io.a2a.util.Utils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Fetches remote A2A agent cards and holds them to their pins, like MCP tool descriptions (starters/warden-mcp): a
 * card is used only while its canonical JSON hashes to the approved pin. Everything in the card is covered — the
 * endpoint URL, the skills and descriptions a supervisor model reads, the security schemes — so a remote that changes
 * what it says about itself is refused ({@link A2aCodes#CARD_CHANGED}) until an operator approves the new card
 * ({@link #approve}: the approver quotes the digest of the card they reviewed, recorded in the audit trail). A card is
 * read under a whole-exchange deadline and capped at {@value #MAX_CARD} bytes. Thread-safe; blocking (call it off the
 * event loop).
 */
public final class RemoteCards {
    /** Path of the public card under an agent's base URL. */
    public static final String CARD_PATH = "/.well-known/agent-card.json";
    static final int MAX_CARD = 256 * 1024;

    /** A card as served, with its digest. */
    public record Fetched(AgentCard card, String sha256) {}

    /** A fetched card that matches its pin, or why it may not be used. */
    public record Checked(Fetched card, String code, String reason) {
        public boolean usable() {
            return card != null && code == null;
        }
    }

    private final CardPins pins;
    private final HttpClient http;
    private final Clock clock;
    private final Duration timeout;

    public RemoteCards(CardPins pins, HttpClient http, Clock clock, Duration timeout) {
        this.pins = Objects.requireNonNull(pins, "pins");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public CardPins pins() {
        return pins;
    }

    /** Fetches the card now served and compares it with the pin. Never throws. */
    public Checked check(A2aRemoteAgent remote) {
        Fetched f;
        try {
            f = fetch(remote);
        } catch (CardUnavailable e) {
            return new Checked(null, A2aCodes.CARD_UNAVAILABLE, e.getMessage());
        }
        Optional<CardPin> pin = pins.find(remote.agentId());
        if (pin.isEmpty()) {
            return new Checked(null, A2aCodes.CARD_NOT_PINNED, "the A2A card of '" + remote.agentId()
                    + "' was never approved (sha256 " + f.sha256() + ")");
        }
        if (!pin.get().sha256().equals(f.sha256())) {
            return new Checked(null, A2aCodes.CARD_CHANGED, "the A2A card of '" + remote.agentId()
                    + "' changed since it was approved by " + pin.get().approvedBy() + " (pinned sha256 "
                    + pin.get().sha256() + ", now " + f.sha256() + "): refused until re-approved");
        }
        return new Checked(f, null, null);
    }

    /**
     * Pins the card the approver reviewed, if the remote still serves exactly that card: the card is fetched again and
     * its digest compared with {@code reviewedSha256} (what {@link #fetch} showed them). The approval — or the refusal
     * of a card that changed in between — is recorded in {@code governor}'s audit trail ({@code DELEGATION}, the
     * approver, their reason, the old and new digests).
     *
     * @throws PinRefused {@link A2aCodes#CARD_NOT_AS_REVIEWED} when the served card differs from the reviewed one,
     *     {@link A2aCodes#PINNED_BY_CONFIGURATION} when the pin is fixed by configuration,
     *     {@link A2aCodes#CARD_UNAVAILABLE} when the card cannot be fetched; nothing is pinned in any of these cases
     */
    public CardPin approve(A2aRemoteAgent remote, String reviewedSha256, Principal approver, String reason,
            Governor governor) throws PinRefused {
        String reviewed = reviewedSha256 == null ? "" : reviewedSha256.trim().toLowerCase(java.util.Locale.ROOT);
        String before = pins.find(remote.agentId()).map(CardPin::sha256).orElse("none");
        if (pins.fixed(remote.agentId())) {
            throw new PinRefused(A2aCodes.PINNED_BY_CONFIGURATION, "the card pin of '" + remote.agentId()
                    + "' is set in configuration (card-sha256); change it there");
        }
        Fetched f;
        try {
            f = fetch(remote);
        } catch (CardUnavailable e) {
            throw new PinRefused(A2aCodes.CARD_UNAVAILABLE, e.getMessage());
        }
        if (!f.sha256().equals(reviewed)) {
            record(remote, approver, governor, Outcome.DENY, A2aCodes.CARD_NOT_AS_REVIEWED, reviewed, before, reason,
                    "A2A card of '" + remote.agentId() + "' not pinned: it serves sha256 " + f.sha256() + ", not the "
                    + "reviewed " + reviewed);
            throw new PinRefused(A2aCodes.CARD_NOT_AS_REVIEWED, "the card '" + remote.agentId() + "' serves now "
                    + "(sha256 " + f.sha256() + ") is not the one reviewed (" + reviewed + "); review it again");
        }
        CardPin pin = new CardPin(remote.agentId(), f.sha256(), approver.id(), clock.instant());
        pins.save(pin);
        record(remote, approver, governor, Outcome.ALLOW, A2aCodes.CARD_PINNED, f.sha256(), before, reason,
                "A2A card of '" + remote.agentId() + "' at " + f.card().url() + " approved by " + approver.id()
                + ": sha256 " + f.sha256() + " (was " + before + ") because: " + reason);
        return pin;
    }

    private static void record(A2aRemoteAgent remote, Principal approver, Governor governor, Outcome outcome,
            String code, String sha, String before, String reason, String text) {
        CheckpointRequest cp = new CheckpointRequest(Checkpoint.DELEGATION, 0, null, null,
                Map.of("agent", remote.agentId(), "cardSha256", sha, "previousSha256", before, "reason",
                        reason == null ? "" : reason), null, null,
                remote.agentId(), Map.of("protocol", "a2a", "action", "card-pin"));
        GovernanceContext ctx = GovernanceContext.of(approver, AgentIdentity.of("a2a-card-pins"));
        governor.record(cp, ctx, Verdict.synthetic(cp, outcome, text, code), null);
    }

    /** The card served now, with the SHA-256 of its canonical JSON. */
    public Fetched fetch(A2aRemoteAgent remote) throws CardUnavailable {
        String base = remote.baseUrl().toString();
        // relative to the agent's base, so several agents can share a host (…/a2a/teller/.well-known/…)
        URI uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + CARD_PATH);
        HttpResponse<byte[]> r;
        try {
            r = CappedExchange.send(http, HttpRequest.newBuilder(uri).timeout(timeout).header("Accept",
                    "application/json").GET().build(), MAX_CARD, timeout);
        } catch (java.io.IOException e) {
            throw new CardUnavailable("card of '" + remote.agentId() + "' at " + uri + " unreachable"
                    + (e instanceof java.net.http.HttpTimeoutException ? " (no complete answer within " + timeout
                    .toMillis() + " ms)" : e.getMessage() != null && e.getMessage().contains("larger than")
                    ? " (larger than " + MAX_CARD + " bytes)" : ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CardUnavailable("interrupted fetching the card of '" + remote.agentId() + "'");
        }
        if (r.statusCode() != 200) {
            throw new CardUnavailable("card of '" + remote.agentId() + "' at " + uri + ": HTTP " + r.statusCode());
        }
        try {
            String body = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
            JsonNode tree = CanonicalJson.MAPPER.readTree(body);
            AgentCard card = Utils.OBJECT_MAPPER.readValue(body, AgentCard.class);
            return new Fetched(card, CanonicalJson.sha256Hex(CanonicalJson.write(tree)));
        } catch (java.io.IOException | RuntimeException e) {
            throw new CardUnavailable("card of '" + remote.agentId() + "' is not a valid A2A agent card");
        }
    }

    /** A pin was not saved; {@link #code()} says why. */
    public static final class PinRefused extends Exception {
        private final String code;

        PinRefused(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** The card could not be fetched or read. */
    public static final class CardUnavailable extends Exception {
        CardUnavailable(String message) {
            super(message);
        }
    }
}
