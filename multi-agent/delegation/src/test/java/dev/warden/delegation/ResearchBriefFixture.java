package dev.warden.delegation;

import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.warden.core.Governor;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.tools.ToolRegistry;
import dev.warden.model.scripted.ScriptedChatModel;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The research brief the label-flow and declassification tests share: the supervisor asks the researcher about a
 * topic (its knowledge base holds an HR remark), then hands the writer a mail built from the research notes; the
 * writer mails it. Each test brings its own governance, knowledge base and researcher answer.
 */
final class ResearchBriefFixture {
    static final String REMARK = "Jane Roe, on medical leave until March";

    private ResearchBriefFixture() {}

    /** The researcher: searches its knowledge base for the topic, then answers {@code answer(results)}. */
    static GovernedAgent researcher(Object knowledgeBase, Governor governor,
            Function<List<ToolExecutionResultMessage>, String> answer) {
        return GovernedAgent.builder().id("researcher")
                .model(ScriptedChatModel.rules()
                        .whenUser("about (\\w+)", m -> List.of(ScriptedChatModel.call("search_sources",
                                Map.of("topic", m.group(1)))))
                        .finalAnswer(answer).build())
                .tools(knowledgeBase).governor(governor).build();
    }

    /** The writer: mails {@code mail <to> <body>} as it is told. */
    static GovernedAgent writer(TeamTools.Mailer mailer, Governor governor) {
        return GovernedAgent.builder().id("writer")
                .model(ScriptedChatModel.rules()
                        .whenUser("(?s)mail (\\S+@\\S+) (.*)", m -> List.of(ScriptedChatModel.call("send_email",
                                Map.of("to", m.group(1), "body", m.group(2)))))
                        .build())
                .tools(mailer).governor(governor).build();
    }

    /**
     * The supervisor, with trust edges to both: asks the researcher, then hands the writer
     * {@code "mail bob@example.com " + handOver(notes)}.
     */
    static GovernedAgent supervisor(GovernedAgent researcher, GovernedAgent writer, Governor.Builder governance,
            UnaryOperator<String> handOver) {
        AgentDirectory dir = AgentDirectory.builder()
                .agent(new AgentCard("supervisor", "1", "research-team", "routes work", "scripted", List.of(),
                        List.of(), List.of(TrustEdge.of("supervisor", "researcher"),
                                TrustEdge.of("supervisor", "writer")), null))
                .agent(AgentCard.of(researcher, "finds sources", "scripted", List.of(), List.of()))
                .agent(AgentCard.of(writer, "writes and mails memos", "scripted", List.of(), List.of()))
                .build();
        Delegator delegator = new Delegator(dir, Map.of("researcher", new LocalAgentEndpoint(researcher),
                "writer", new LocalAgentEndpoint(writer)), DelegationLimits.DEFAULT);
        DelegateTool delegate = new DelegateTool(delegator, List.of("researcher", "writer"));
        Governor supervisorGovernor = delegate.wire(governance).build();
        return GovernedAgent.builder().id("supervisor")
                .model(ScriptedChatModel.rules()
                        .whenUser("about (\\w+)", m -> List.of(ScriptedChatModel.call("delegate",
                                Map.of("agent", "researcher", "task", "Find sources about " + m.group(1)))))
                        .whenToolResult("(?s)^(Research notes: .*)$", m -> List.of(ScriptedChatModel.call("delegate",
                                Map.of("agent", "writer", "task", "mail bob@example.com " + handOver.apply(
                                        m.group(1)))))).build())
                .tools(delegate.register(ToolRegistry.builder(), supervisorGovernor).build())
                .governor(supervisorGovernor).build();
    }

    /** The notes without the HR remark (everything before {@code "; HR:"}). */
    static String withoutRemark(String notes) {
        int hr = notes.indexOf("; HR:");
        return hr < 0 ? notes : notes.substring(0, hr);
    }
}
