package dev.warden.quarkus.inventory.postgres;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An MCP server behind a service's tools, with the hash of its pinned descriptions (key {@code service/server}). */
@Entity
@Table(name = "warden_inv_mcp_server")
public class McpServerRow extends PanacheEntityBase {
    @Id
    @Column(name = "server_key")
    public String key;
    @Column(name = "server_id")
    public String serverId;
    public String service;
    /** JSON array. */
    public String tools;
    @Column(name = "description_hash")
    public String descriptionHash;
}
