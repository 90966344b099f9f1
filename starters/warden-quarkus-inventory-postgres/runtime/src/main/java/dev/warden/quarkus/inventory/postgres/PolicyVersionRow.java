package dev.warden.quarkus.inventory.postgres;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A policy set version as a service first served it; unique per service, set and fingerprint. */
@Entity
@Table(name = "warden_inv_policy_version")
public class PolicyVersionRow extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String service;
    @Column(name = "policy_set")
    public String policySet;
    public String version;
    public String fingerprint;
    public String source;
    @Column(name = "changed_at")
    public Instant changedAt;
    @Column(name = "changed_by")
    public String changedBy;
    @Column(name = "instance_id")
    public String instanceId;
}
