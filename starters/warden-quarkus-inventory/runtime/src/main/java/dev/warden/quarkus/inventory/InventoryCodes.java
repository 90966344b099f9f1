package dev.warden.quarkus.inventory;

/**
 * Stable codes of the inventory: denials at checkpoints (kill switch, stale suspension state, undeclared activity) and
 * REST API errors. One place, never renumbered; range {@code WARDEN-INV-0600}…{@code 0629}.
 */
public final class InventoryCodes {
    /** A checkpoint of a suspended agent (or of a run delegated through one) is refused. */
    public static final String AGENT_SUSPENDED = "WARDEN-INV-0600";
    /** A call of a suspended tool is refused. */
    public static final String TOOL_SUSPENDED = "WARDEN-INV-0601";
    /** A call of a tool served by a suspended MCP server is refused. */
    public static final String MCP_SERVER_SUSPENDED = "WARDEN-INV-0602";
    /**
     * This replica could not refresh the suspensions for longer than {@code warden.inventory.suspensions.max-staleness}:
     * actions (tool calls, delegations) are refused until it can, because a kill switch may have been flipped meanwhile.
     */
    public static final String SUSPENSIONS_STALE = "WARDEN-INV-0603";
    /** A call of a tool, MCP server or agent that is not in the inventory, refused ({@code undeclared=deny}). */
    public static final String UNDECLARED_REFUSED = "WARDEN-INV-0604";
    /** An approval or confirmation of a suspended agent is frozen until the agent is resumed (409). */
    public static final String APPROVAL_FROZEN = "WARDEN-INV-0605";

    /** REST: the caller lacks the role (security-officer, auditor, or the agent's owner). */
    public static final String FORBIDDEN = "WARDEN-INV-0610";
    /** REST: no agent with that id in the inventory (404). */
    public static final String UNKNOWN_AGENT = "WARDEN-INV-0611";
    /** REST: the suspension body is malformed (target, id, reason). */
    public static final String BAD_SUSPENSION = "WARDEN-INV-0612";
    /** REST: no active suspension of that target (404). */
    public static final String NO_SUSPENSION = "WARDEN-INV-0613";
    /** REST: a query parameter is malformed (time window, format). */
    public static final String BAD_PARAMETER = "WARDEN-INV-0614";
    /** REST: the inventory store cannot be read or written (503); nothing was changed that the answer does not say. */
    public static final String STORE_UNAVAILABLE = "WARDEN-INV-0615";
    /** REST: the audit trail cannot be read for the data-access map (503). */
    public static final String AUDIT_UNAVAILABLE = "WARDEN-INV-0616";

    /** REST: the inventory is switched off here ({@code warden.inventory.enabled=false}; 404). */
    public static final String DISABLED = "WARDEN-INV-0617";

    /** Startup: {@code warden.inventory.store} names a store no jar provides. */
    public static final String UNKNOWN_STORE = "WARDEN-INV-0620";

    /**
     * Startup: {@code warden.inventory.store=postgres} asks for the inventory and kill switch shared across replicas,
     * but the application does not carry {@code warden-quarkus-inventory-postgres}. Refused rather than run with a kill
     * switch that would silently stop only this process (decision 0053).
     */
    public static final String SHARED_STORE_NOT_PACKAGED = "WARDEN-INV-0621";

    private InventoryCodes() {}
}
