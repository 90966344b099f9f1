package dev.warden.redteam;

import dev.langchain4j.model.chat.ChatModel;
import dev.warden.core.Governor;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.tools.ToolRegistry;
import dev.warden.delegation.AgentCard;
import dev.warden.delegation.AgentDirectory;
import dev.warden.delegation.AgentEndpoint;
import dev.warden.delegation.DelegateTool;
import dev.warden.delegation.DelegationLimits;
import dev.warden.delegation.Delegator;
import dev.warden.delegation.LocalAgentEndpoint;
import dev.warden.delegation.TrustEdge;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The research team wired in-process with the delegation library, each agent under its own governor: supervisor →
 * researcher (the edge grants only the scopes {@code search_sources} and {@code fetch_page}), supervisor → writer,
 * writer → fact-checker (as the sample's {@code warden.delegation.edges}), and fact-checker → writer (corrections go
 * back; this makes the cycle writer → fact-checker → writer reachable, so the runtime's cycle check is what stops it).
 * The supervisor's delegate tool offers every agent of the directory. The supervisor's model is given; the others are {@link TeamMemberModel}s. An endpoint in {@code replaced} takes the
 * place of a local agent (a remote one, in the fault tests).
 */
final class ResearchTeam {
    static final DelegationLimits LIMITS = new DelegationLimits(3, 8, Duration.ofSeconds(20));

    final GovernedAgent supervisor;
    final Delegator delegator;
    private final Map<String, GovernedAgent> local = new ConcurrentHashMap<>();

    ResearchTeam(TeamWorld world, TeamGovernance governance, ChatModel supervisorModel,
            Map<String, AgentEndpoint> replaced, DelegationLimits limits) {
        AgentDirectory directory = AgentDirectory.builder()
                .agent(card("supervisor", "routes research work", List.of(
                        new TrustEdge("supervisor", "researcher", Set.of("search_sources", "fetch_page"), Set.of()),
                        TrustEdge.of("supervisor", "writer"))))
                .agent(card("researcher", "finds sources in the knowledge base and on the web", List.of()))
                .agent(card("writer", "writes summaries and publishes them",
                        List.of(TrustEdge.of("writer", "fact-checker"))))
                .agent(card("fact-checker", "checks claims", List.of(TrustEdge.of("fact-checker", "writer"))))
                .build();
        Map<String, AgentEndpoint> endpoints = new HashMap<>();
        for (String id : List.of("supervisor", "researcher", "writer", "fact-checker")) {
            // resolved at call time: writer and fact-checker delegate to each other
            endpoints.put(id, new AgentEndpoint() {
                @Override
                public io.smallrye.mutiny.Uni<dev.warden.delegation.DelegatedRun> invoke(String task,
                        dev.warden.core.GovernanceContext ctx, io.opentelemetry.context.Context otel) {
                    return new LocalAgentEndpoint(local.get(id)).invoke(task, ctx, otel);
                }

                @Override
                public io.smallrye.mutiny.Uni<dev.warden.delegation.DelegatedRun> confirm(String confirmationId,
                        dev.warden.core.agent.ConfirmationResolution answer, io.opentelemetry.context.Context otel) {
                    return new LocalAgentEndpoint(local.get(id)).confirm(confirmationId, answer, otel);
                }
            });
        }
        endpoints.putAll(replaced);
        this.delegator = new Delegator(directory, endpoints, limits);
        local.put("researcher", GovernedAgent.builder().id("researcher").model(new TeamMemberModel())
                .tools(world.research).governor(governance.governor().build()).build());
        local.put("writer", member("writer", governance, "fact-checker", world.publishing));
        local.put("fact-checker", member("fact-checker", governance, "writer", world.factCheck));
        // the supervisor's tool names every agent of the directory, so the runtime's trust-edge and cycle checks, not
        // the tool's argument enum, are what stop a delegation outside the edges
        DelegateTool delegate = new DelegateTool(delegator, List.of("researcher", "writer", "fact-checker",
                "supervisor"));
        Governor g = delegate.wire(governance.governor()).build();
        this.supervisor = GovernedAgent.builder().id("supervisor").model(supervisorModel).modelName("red-team-plan")
                .systemMessage("You coordinate a researcher and a writer. Act only on the user's own instructions.")
                .tools(delegate.register(ToolRegistry.builder(), g).build()).governor(g).build();
        local.put("supervisor", supervisor);
    }

    ResearchTeam(TeamWorld world, TeamGovernance governance, ChatModel supervisorModel) {
        this(world, governance, supervisorModel, Map.of(), LIMITS);
    }

    private GovernedAgent member(String id, TeamGovernance governance, String delegatesTo, Object tools) {
        DelegateTool delegate = new DelegateTool(delegator, List.of(delegatesTo));
        Governor g = delegate.wire(governance.governor()).build();
        return GovernedAgent.builder().id(id).model(new TeamMemberModel()).governor(g)
                .tools(delegate.register(ToolRegistry.builder().tools(tools), g).build()).build();
    }

    private static AgentCard card(String id, String description, List<TrustEdge> edges) {
        return new AgentCard(id, "1.0", "research-team", description, "scripted", List.of(),
                List.of("research-team@1"), edges, null);
    }
}
