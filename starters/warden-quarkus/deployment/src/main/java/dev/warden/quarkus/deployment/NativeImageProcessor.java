package dev.warden.quarkus.deployment;

import dev.warden.core.audit.ChainVerification;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.policy.PolicyProblem;
import dev.warden.quarkus.api.Dtos;
import dev.warden.quarkus.runtime.PolicyReloadJournal;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.IndexDependencyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourcePatternsBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ServiceProviderBuildItem;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;

/**
 * What a native binary needs beyond what Quarkus finds by itself (see docs/native.md): the data files the detectors
 * and text matching read at run time, reflection on the protobuf messages CEL builds and reads, and the records Warden
 * writes as JSON (the audit trail, the REST API). Policy documents are registered by {@link PolicyBuildProcessor}.
 */
class NativeImageProcessor {
    /**
     * libphonenumber's per-region metadata (PhoneDetector) and ICU's normalisation and confusables data (policy
     * {@code text.*} functions; the locale trees below it are not used). commons-validator's IANA TLD list
     * (EmailDetector) is compiled into {@code DomainValidator} and needs no resource.
     */
    static final List<String> DETECTOR_DATA = List.of("com/google/i18n/phonenumbers/data/**",
            "com/ibm/icu/impl/data/icudata/*");

    /** The jar with CEL's generated protobuf messages ({@code dev.cel.expr}), indexed to find them. */
    static final String CEL_PROTOS_GROUP = "dev.cel";
    static final String CEL_PROTOS_ARTIFACT = "protobuf";
    static final DotName GENERATED_MESSAGE = DotName.createSimple("com.google.protobuf.GeneratedMessage");
    static final DotName GENERATED_BUILDER = DotName.createSimple("com.google.protobuf.GeneratedMessage$Builder");
    static final DotName PROTO_ENUM = DotName.createSimple("com.google.protobuf.ProtocolMessageEnum");

    /** protobuf-java's well-known types, which CEL maps to and from its values. */
    static final List<String> WELL_KNOWN_TYPES = List.of("Any", "BoolValue", "BytesValue", "DoubleValue", "Duration",
            "Empty", "FieldMask", "FloatValue", "Int32Value", "Int64Value", "ListValue", "NullValue", "StringValue",
            "Struct", "Timestamp", "UInt32Value", "UInt64Value", "Value");

    @BuildStep
    NativeImageResourcePatternsBuildItem detectorData() {
        return NativeImageResourcePatternsBuildItem.builder().includeGlobs(DETECTOR_DATA).build();
    }

    /** The REST client listener that sizes the model providers' connection pools (decision 0078). */
    static final String REST_CLIENT_LISTENER = "org.eclipse.microprofile.rest.client.spi.RestClientListener";
    static final String MODEL_CLIENT_POOL = "dev.warden.quarkus.runtime.ModelClientPool";

    /**
     * The REST client finds listeners with {@code ServiceLoader}; a native image keeps only the service providers a
     * build step names (review14 M1). Named only where the REST client's API is on the class path.
     */
    @BuildStep
    void modelClientPool(BuildProducer<ServiceProviderBuildItem> providers) {
        try {
            Class.forName(REST_CLIENT_LISTENER, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            return;
        }
        providers.produce(new ServiceProviderBuildItem(REST_CLIENT_LISTENER, MODEL_CLIENT_POOL));
    }

    @BuildStep
    IndexDependencyBuildItem indexCelProtos() {
        return new IndexDependencyBuildItem(CEL_PROTOS_GROUP, CEL_PROTOS_ARTIFACT);
    }

    /** Protobuf's generated code reads and builds messages through reflection on their accessors. */
    @BuildStep
    void protobufReflection(CombinedIndexBuildItem combined, BuildProducer<ReflectiveClassBuildItem> reflective) {
        List<String> classes = protobufClasses(combined.getIndex());
        reflective.produce(ReflectiveClassBuildItem.builder(classes.toArray(String[]::new)).methods().fields()
                .build());
    }

    static List<String> protobufClasses(IndexView index) {
        TreeSet<String> out = new TreeSet<>();
        List<ClassInfo> found = new ArrayList<>(index.getAllKnownSubclasses(GENERATED_MESSAGE));
        found.addAll(index.getAllKnownSubclasses(GENERATED_BUILDER));
        found.addAll(index.getAllKnownImplementors(PROTO_ENUM));
        for (ClassInfo c : found) {
            if (c.name().toString().startsWith("dev.cel.")) {
                out.add(c.name().toString());
            }
        }
        for (String t : WELL_KNOWN_TYPES) {
            out.add("com.google.protobuf." + t);
            if (!t.equals("NullValue")) {
                out.add("com.google.protobuf." + t + "$Builder");
            }
        }
        return List.copyOf(out);
    }

    /** Records Jackson writes and reads by reflection: audit records, API views, problems. */
    @BuildStep
    ReflectiveClassBuildItem jsonRecords() {
        List<Class<?>> types = new ArrayList<>(List.of(DecisionRecord.class, ChainVerification.class,
                PolicyProblem.class, PolicyReloadJournal.Attempt.class));
        types.addAll(List.of(Dtos.class.getDeclaredClasses()));
        return ReflectiveClassBuildItem.builder(types.toArray(Class<?>[]::new)).constructors().methods().fields()
                .serialization().build();
    }
}
