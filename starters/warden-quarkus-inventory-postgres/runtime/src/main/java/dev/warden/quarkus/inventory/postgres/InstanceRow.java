package dev.warden.quarkus.inventory.postgres;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A replica of a service with its heartbeat and fingerprints. */
@Entity
@Table(name = "warden_inv_instance")
public class InstanceRow extends PanacheEntityBase {
    @Id
    @Column(name = "instance_id")
    public String instanceId;
    public String service;
    public String version;
    public String host;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "last_heartbeat")
    public Instant lastHeartbeat;
    @Column(name = "policy_fingerprint")
    public String policyFingerprint;
    @Column(name = "tool_fingerprint")
    public String toolFingerprint;
    /** JSON object: policy set → version. */
    @Column(name = "policy_versions")
    public String policyVersions;
}
