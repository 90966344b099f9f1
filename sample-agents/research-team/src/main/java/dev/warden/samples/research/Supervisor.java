package dev.warden.samples.research;

import dev.warden.quarkus.WardenAgent;

/**
 * Leads the team. It has no tools of its own: its trust edges ({@code warden.delegation.edges.supervisor.to}) give it
 * the {@code delegate} tool, and every hand-over passes {@code DELEGATION} and {@code DELEGATION_RESULT}.
 */
@WardenAgent(id = "supervisor", description = "Plans research tasks and hands them to the team",
        owner = "research-team", version = "1.0", policies = "research-team",
        systemMessage = "You lead a research team. Delegate research to 'researcher' and writing to 'writer'.")
public class Supervisor {}
