package dev.warden.quarkus.inventory.postgres;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An agent as a service runs it (key {@code service/agentId}). */
@Entity
@Table(name = "warden_inv_agent")
public class AgentRow extends PanacheEntityBase {
    @Id
    @Column(name = "agent_key")
    public String key;
    @Column(name = "agent_id")
    public String agentId;
    public String service;
    public String owner;
    public String purpose;
    public String version;
    public String model;
    @Column(name = "risk_tier")
    public String riskTier;
    /** JSON array. */
    @Column(name = "policy_sets")
    public String policySets;
    @Column(name = "last_seen")
    public Instant lastSeen;
}
