package dev.warden.a2a.remote;

import java.time.Instant;
import java.util.Objects;

/**
 * An approved A2A agent card: the SHA-256 of the card's canonical JSON (keys sorted, every field the remote serves),
 * who approved it and when. A remote agent is delegated to only while it serves exactly this card.
 *
 * @param agentId the directory id of the remote agent
 * @param sha256 hex digest of the card's canonical JSON
 * @param approvedBy the principal that approved it ({@code "config"} for a pin from configuration)
 */
public record CardPin(String agentId, String sha256, String approvedBy, Instant approvedAt) {
    public CardPin {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(approvedBy, "approvedBy");
        Objects.requireNonNull(approvedAt, "approvedAt");
    }
}
