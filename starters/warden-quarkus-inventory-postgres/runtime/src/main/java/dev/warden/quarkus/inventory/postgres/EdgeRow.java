package dev.warden.quarkus.inventory.postgres;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A declared edge (key {@code service/from/kind/to}); scopes and purposes as JSON arrays. */
@Entity
@Table(name = "warden_inv_edge")
public class EdgeRow extends PanacheEntityBase {
    @Id
    @Column(name = "edge_key")
    public String key;
    public String service;
    @Column(name = "from_agent")
    public String fromAgent;
    @Column(name = "to_agent")
    public String toAgent;
    public String kind;
    public String scopes;
    public String purposes;
    public boolean declared;
    @Column(name = "first_seen")
    public Instant firstSeen;
    @Column(name = "last_seen")
    public Instant lastSeen;
}
