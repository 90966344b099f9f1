package dev.warden.quarkus.test.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.quarkus.test.TellerAgent;
import dev.warden.quarkus.test.TellerModel;
import io.quarkus.builder.BuildChainBuilder;
import io.quarkus.builder.BuildContext;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.HotDeploymentWatchedFileBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourcePatternsBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.test.QuarkusUnitTest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The native-image configuration the extension produces, read from the build items a native build turns into
 * {@code resource-config.json} and {@code reflect-config.json}: policies and their checked forms, detector data,
 * CEL's protobuf messages and the JSON records. (A native build itself needs GraalVM; see docs/native.md.) Also: the
 * app-wide setting is logged, and the policies load from the checked forms recorded at build.
 */
class NativeConfigurationTest {
    // The build runs in another class loader than the test: the captured names travel in JDK types through the
    // system properties.
    static final Set<String> RESOURCES = shared("resources");
    static final Set<String> PATTERNS = shared("patterns");
    static final Set<String> REFLECTIVE = shared("reflective");
    static final Set<String> WATCHED = shared("watched");

    @SuppressWarnings("unchecked")
    static Set<String> shared(String name) {
        return (Set<String>) System.getProperties().computeIfAbsent("warden.native-config-test." + name,
                k -> ConcurrentHashMap.newKeySet());
    }

    @jakarta.inject.Inject
    dev.warden.policy.PolicyEngine engine;

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TellerAgent.class, TellerModel.class)
                    .addAsResource("policies/teller.yaml")
                    .addAsResource("dev-keys/test-only-public.pem")
                    .addAsResource("dev-keys/test-only-private.pem")
                    .addAsResource("teller-application.properties", "application.properties"))
            .addBuildChainCustomizer(capture())
            .setLogRecordPredicate(r -> r.getLoggerName().equals("dev.warden.quarkus.AppWideSettings"))
            .assertLogRecords(records -> assertThat(records).extracting(LogRecord::getMessage)
                    .anyMatch(m -> m.contains("quarkus.http.auth.proactive=false for the whole application")));

    static Consumer<BuildChainBuilder> capture() {
        return chain -> chain.addBuildStep((BuildContext ctx) -> {
            Set<String> RESOURCES = shared("resources");
            Set<String> PATTERNS = shared("patterns");
            Set<String> REFLECTIVE = shared("reflective");
            Set<String> WATCHED = shared("watched");
            ctx.consumeMulti(NativeImageResourceBuildItem.class).forEach(i -> RESOURCES.addAll(i.getResources()));
            ctx.consumeMulti(NativeImageResourcePatternsBuildItem.class)
                    .forEach(i -> PATTERNS.addAll(i.getIncludePatterns()));
            ctx.consumeMulti(ReflectiveClassBuildItem.class).forEach(i -> REFLECTIVE.addAll(i.getClassNames()));
            ctx.consumeMulti(HotDeploymentWatchedFileBuildItem.class).stream()
                    .filter(HotDeploymentWatchedFileBuildItem::hasLocation)
                    .filter(i -> !i.isRestartNeeded()).forEach(i -> WATCHED.add(i.getLocation()));
            ctx.produce(new FeatureBuildItem("warden-native-config-capture"));
        }).consumes(NativeImageResourceBuildItem.class).consumes(NativeImageResourcePatternsBuildItem.class)
                .consumes(ReflectiveClassBuildItem.class).consumes(HotDeploymentWatchedFileBuildItem.class)
                .produces(FeatureBuildItem.class).build();
    }

    @Test
    void policy_files_on_the_classpath_are_native_resources() {
        assertThat(RESOURCES).contains("policies/teller.yaml");
    }

    @Test
    void detector_metadata_is_included_in_the_native_image() {
        // a pattern must match the real files the detectors read, not just exist
        assertThat(PATTERNS).isNotEmpty();
        for (String resource : List.of("com/google/i18n/phonenumbers/data/PhoneNumberMetadataProto_DE",
                "com/ibm/icu/impl/data/icudata/nfkc_cf.nrm", "com/ibm/icu/impl/data/icudata/confusables.cfu")) {
            assertThat(PATTERNS).as(resource).anyMatch(resource::matches);
            assertThat(getClass().getClassLoader().getResource(resource)).as(resource).isNotNull();
        }
    }

    @Test
    void cel_protobuf_messages_and_json_records_are_registered_for_reflection() {
        assertThat(REFLECTIVE).contains("dev.cel.expr.Expr", "dev.cel.expr.Expr$Builder", "dev.cel.expr.CheckedExpr",
                "com.google.protobuf.Struct", "com.google.protobuf.Timestamp$Builder",
                "dev.warden.core.audit.DecisionRecord", "dev.warden.quarkus.api.Dtos$RunView",
                "dev.warden.policy.PolicyProblem");
    }

    @Test
    void classpath_policies_load_from_the_checked_forms_recorded_at_build_which_are_a_native_resource() {
        // teller.yaml's one condition was parsed and type-checked when the application was built (decision 0059)
        assertThat(engine.precompiledExpressionsUsed()).isEqualTo(1);
        assertThat(engine.policySets()).extracting(dev.warden.policy.PolicySet::name).containsExactly("teller");
        assertThat(RESOURCES).contains("META-INF/warden/precompiled-policies.bin");
    }

    @Test
    void classpath_policies_are_dev_mode_watched_files_that_need_no_restart() {
        assertThat(WATCHED).contains("policies/teller.yaml");
    }
}
