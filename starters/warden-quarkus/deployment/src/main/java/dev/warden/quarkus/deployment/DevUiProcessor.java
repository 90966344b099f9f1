package dev.warden.quarkus.deployment;

import dev.warden.quarkus.runtime.WardenDevUiService;
import io.quarkus.deployment.IsDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;

/**
 * The Warden card of the Dev UI (dev mode only): pages for agents and tools, policies (sets, versions, rejected
 * reloads), the latest decisions and pending approvals, all read live through {@link WardenDevUiService}.
 */
class DevUiProcessor {

    @BuildStep(onlyIf = IsDevelopment.class)
    CardPageBuildItem card(AgentDefinitionsBuildItem agents) {
        CardPageBuildItem card = new CardPageBuildItem();
        card.addPage(Page.webComponentPageBuilder().title("Agents and tools").icon("font-awesome-solid:robot")
                .componentLink("qwc-warden-agents.js").staticLabel(String.valueOf(agents.definitions().size())));
        card.addPage(Page.webComponentPageBuilder().title("Policies").icon("font-awesome-solid:scale-balanced")
                .componentLink("qwc-warden-policies.js"));
        card.addPage(Page.webComponentPageBuilder().title("Last decisions").icon("font-awesome-solid:list-check")
                .componentLink("qwc-warden-decisions.js"));
        card.addPage(Page.webComponentPageBuilder().title("Pending approvals").icon("font-awesome-solid:user-check")
                .componentLink("qwc-warden-approvals.js").dynamicLabelJsonRPCMethodName("getPendingApprovalCount"));
        return card;
    }

    @BuildStep(onlyIf = IsDevelopment.class)
    JsonRPCProvidersBuildItem jsonRpc() {
        return new JsonRPCProvidersBuildItem(WardenDevUiService.class);
    }
}
