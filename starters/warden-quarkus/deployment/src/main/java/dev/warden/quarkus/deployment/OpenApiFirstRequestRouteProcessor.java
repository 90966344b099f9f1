package dev.warden.quarkus.deployment;

import dev.warden.quarkus.WardenOpenApiBuildConfig;
import dev.warden.quarkus.runtime.OpenApiFirstRequestRecorder;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.ShutdownContextBuildItem;
import io.quarkus.smallrye.openapi.common.deployment.SmallRyeOpenApiConfig;
import io.quarkus.vertx.http.deployment.spi.RouteBuildItem;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Keeps the deferred OpenAPI preparation (decision 0063) off the event loop. SmallRye OpenAPI serves each document on
 * a blocking route ({@code /q/openapi}) and on three routes that are not blocking ({@code .json}, {@code .yaml},
 * {@code .yml}); a first request on one of those would prepare the document on the event loop. This step puts a
 * blocking route on each of the three paths, ordered before the extension's, that prepares pending documents on a
 * worker and passes the request on. It is added only when the rewrite is (same switch, same shape check).
 */
class OpenApiFirstRequestRouteProcessor {
    /** The suffixes SmallRye OpenAPI 3.33 serves each document's path with, on routes that are not blocking. */
    static final List<String> NON_BLOCKING_SUFFIXES = List.of(".json", ".yaml", ".yml");
    /** The management switch the extension's own routes are built with (same key, so the same router). */
    static final String MANAGEMENT_KEY = "quarkus.smallrye-openapi.management.enabled";
    /**
     * Before every route whose order Vert.x assigns by insertion (0, 1, …), as the extension's are, and after the
     * body handler and upload limit Quarkus orders below zero.
     */
    static final int ORDER = -1;

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void prepareOffTheEventLoop(WardenOpenApiBuildConfig config, SmallRyeOpenApiConfig openApi,
            OpenApiFirstRequestRecorder recorder, ShutdownContextBuildItem shutdown,
            BuildProducer<RouteBuildItem> routes) {
        if (!config.prepareOnFirstRequest() || !OpenApiDeferralProcessor.expectedShape()) {
            return;
        }
        Handler<RoutingContext> prepare = recorder.prepareBeforeServing(shutdown);
        openApi.documents().values().forEach(document -> {
            for (String suffix : NON_BLOCKING_SUFFIXES) {
                routes.produce(RouteBuildItem.newManagementRoute(document.path() + suffix, MANAGEMENT_KEY)
                        .withOrder(ORDER)
                        .withRequestHandler(prepare)
                        .asBlockingRoute()
                        .build());
            }
        });
    }
}
