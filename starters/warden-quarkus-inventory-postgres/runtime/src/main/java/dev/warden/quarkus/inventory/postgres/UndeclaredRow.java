package dev.warden.quarkus.inventory.postgres;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Undeclared activity counted per service, agent, kind and name. */
@Entity
@Table(name = "warden_inv_undeclared")
public class UndeclaredRow extends PanacheEntityBase {
    @Id
    @Column(name = "undeclared_key")
    public String key;
    public String service;
    @Column(name = "agent_id")
    public String agentId;
    public String kind;
    public String name;
    @Column(name = "first_seen")
    public Instant firstSeen;
    @Column(name = "last_seen")
    public Instant lastSeen;
    public long count;
    public long refused;
}
