package dev.warden.quarkus.inventory.postgres;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tool of an agent (key {@code service/agentId/tool}). */
@Entity
@Table(name = "warden_inv_tool")
public class ToolRow extends PanacheEntityBase {
    @Id
    @Column(name = "tool_key")
    public String key;
    @Column(name = "agent_key")
    public String agentKey;
    public String name;
    public String description;
    /** JSON array. */
    public String effects;
    public String risk;
    @Column(name = "source_labels")
    public String sourceLabels;
    @Column(name = "sink_clearance")
    public String sinkClearance;
    @Column(name = "schema_hash")
    public String schemaHash;
    public boolean declared;
    @Column(name = "mcp_server")
    public String mcpServer;
}
