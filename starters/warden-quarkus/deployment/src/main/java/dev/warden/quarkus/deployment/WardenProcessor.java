package dev.warden.quarkus.deployment;

import dev.langchain4j.model.chat.ChatModel;
import dev.warden.quarkus.WardenAgent;
import dev.warden.quarkus.api.AgentResource;
import dev.warden.quarkus.api.ApprovalResource;
import dev.warden.quarkus.api.ConfirmationResource;
import dev.warden.quarkus.api.AuditResource;
import dev.warden.quarkus.api.Callers;
import dev.warden.quarkus.api.DevTokenResource;
import dev.warden.quarkus.api.PolicyResource;
import dev.warden.quarkus.api.ProblemMappers;
import dev.warden.quarkus.api.RunResource;
import dev.warden.quarkus.runtime.AgentClasses;
import dev.warden.quarkus.runtime.AgentRegistry;
import dev.warden.quarkus.runtime.BuiltInPlanes;
import dev.warden.quarkus.runtime.IssuedAtCheck;
import dev.warden.quarkus.runtime.PolicyLoader;
import dev.warden.quarkus.runtime.PolicyReloadJournal;
import dev.warden.quarkus.runtime.RunRepository;
import dev.warden.quarkus.runtime.VerificationKeyCheck;
import dev.warden.quarkus.runtime.WardenHealthChecks;
import dev.warden.quarkus.runtime.WardenProducers;
import dev.warden.quarkus.runtime.WardenRecorder;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.BeanDefiningAnnotationBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.arc.processor.BuiltinScope;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import jakarta.inject.Singleton;
import java.util.List;
import org.jboss.jandex.DotName;

/** Wires Warden into a Quarkus application; agent validation lives in {@link AgentValidationProcessor}. */
class WardenProcessor {
    static final String FEATURE = "warden";
    static final DotName WARDEN_AGENT = DotName.createSimple(WardenAgent.class);

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem beans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(WardenProducers.class, BuiltInPlanes.class, PolicyLoader.class, AgentRegistry.class, RunRepository.class,
                        Callers.class, WardenHealthChecks.class, AgentResource.class, RunResource.class,
                        ApprovalResource.class, AuditResource.class, DevTokenResource.class,
                        VerificationKeyCheck.class, IssuedAtCheck.class)
                .addBeanClasses(PolicyReloadJournal.class, PolicyResource.class, ConfirmationResource.class)
                .setUnremovable()
                .build();
    }

    /** Verified bearer tokens reused for a short time ({@code warden.identity.token-cache.*}, decision 0045). */
    @BuildStep
    AdditionalBeanBuildItem verifiedTokenCache() {
        return AdditionalBeanBuildItem.unremovableOf(dev.warden.quarkus.runtime.CachingTokenParser.class);
    }

    /** Watches the Governor's audit appends for readiness and the log (a full disk, a database down). */
    @BuildStep
    AdditionalBeanBuildItem auditAppendHealth() {
        return AdditionalBeanBuildItem.unremovableOf(dev.warden.quarkus.runtime.AuditAppendHealth.class);
    }

    /** The load harness's ungoverned baseline switch (refused in prod) and its {@code warden.benchmark} mapping. */
    @BuildStep
    void ungovernedBenchmark(io.quarkus.deployment.annotations.BuildProducer<AdditionalBeanBuildItem> beans,
            io.quarkus.deployment.annotations.BuildProducer<AdditionalIndexedClassesBuildItem> indexed) {
        beans.produce(AdditionalBeanBuildItem.unremovableOf(dev.warden.quarkus.runtime.UngovernedBenchmark.class));
        indexed.produce(new AdditionalIndexedClassesBuildItem(
                dev.warden.quarkus.runtime.UngovernedBenchmark.Config.class.getName()));
    }

    /** Oversized bodies get a problem+json 413 before anything reads them (issue 14, L4). */
    @BuildStep
    AdditionalBeanBuildItem bodySizeLimit() {
        return AdditionalBeanBuildItem.unremovableOf(dev.warden.quarkus.api.BodySizeLimit.class);
    }

    /** The REST resources and problem mappers live in the runtime jar, which the application index does not see. */
    @BuildStep
    AdditionalIndexedClassesBuildItem restEndpoints() {
        return new AdditionalIndexedClassesBuildItem(AgentResource.class.getName(), RunResource.class.getName(),
                ApprovalResource.class.getName(), AuditResource.class.getName(), DevTokenResource.class.getName(),
                ProblemMappers.class.getName(), PolicyResource.class.getName(),
                ConfirmationResource.class.getName());
    }

    /**
     * {@code WardenConfig} is an application-style {@code @ConfigMapping}, not an extension config root (see its
     * Javadoc): indexing it lets Quarkus register the mapping and its bean like one of the application's own.
     */
    @BuildStep
    AdditionalIndexedClassesBuildItem configMapping() {
        return new AdditionalIndexedClassesBuildItem(dev.warden.quarkus.WardenConfig.class.getName());
    }

    /** {@code @WardenAgent} makes a class a singleton bean unless it declares a scope. */
    @BuildStep
    BeanDefiningAnnotationBuildItem agentsAreBeans() {
        return new BeanDefiningAnnotationBuildItem(WARDEN_AGENT, BuiltinScope.SINGLETON.getName());
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem agentClasses(WardenRecorder recorder, AgentDefinitionsBuildItem definitions) {
        return SyntheticBeanBuildItem.configure(AgentClasses.class)
                .scope(Singleton.class)
                .unremovable()
                .supplier(recorder.agentClasses(definitions.classNames()))
                .done();
    }

    /** Agents and their tools are read reflectively (annotations, {@code @Tool} methods) at startup. */
    @BuildStep
    void reflection(AgentDefinitionsBuildItem definitions, BuildProducer<ReflectiveClassBuildItem> reflective) {
        List<String> classes = definitions.reflectiveClasses();
        if (!classes.isEmpty()) {
            reflective.produce(ReflectiveClassBuildItem.builder(classes.toArray(String[]::new)).methods().build());
        }
    }

    /** Agents, their tool beans and chat models are looked up programmatically at startup. */
    @BuildStep
    void unremovable(AgentDefinitionsBuildItem definitions, BuildProducer<UnremovableBeanBuildItem> unremovable) {
        unremovable.produce(UnremovableBeanBuildItem.beanTypes(DotName.createSimple(ChatModel.class)));
        unremovable.produce(UnremovableBeanBuildItem.beanTypes(DotName.createSimple(
                dev.langchain4j.model.chat.StreamingChatModel.class))); // streaming variants (decision 0035)
        unremovable.produce(UnremovableBeanBuildItem.beanClassNames(definitions.reflectiveClasses()
                .toArray(String[]::new)));
    }

    @BuildStep
    AgentDefinitionsBuildItem definitions(CombinedIndexBuildItem index) {
        return AgentDefinitionsBuildItem.scan(index.getIndex());
    }
}
