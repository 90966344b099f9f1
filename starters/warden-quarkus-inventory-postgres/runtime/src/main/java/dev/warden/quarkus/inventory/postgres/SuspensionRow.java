package dev.warden.quarkus.inventory.postgres;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A kill switch; active while {@code liftedAt} is null (a partial unique index allows one active per target). */
@Entity
@Table(name = "warden_inv_suspension")
public class SuspensionRow extends PanacheEntityBase {
    @Id
    public String id;
    /** {@code agent}, {@code tool} or {@code mcp-server}. */
    public String target;
    @Column(name = "target_id")
    public String targetId;
    public String reason;
    @Column(name = "suspended_by")
    public String suspendedBy;
    @Column(name = "suspended_at")
    public Instant suspendedAt;
    @Column(name = "lifted_by")
    public String liftedBy;
    @Column(name = "lifted_at")
    public Instant liftedAt;
}
