package dev.warden.quarkus.deployment;

import dev.warden.policy.PolicyCodes;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicyProblem;
import dev.warden.policy.PolicySource;
import dev.warden.policy.PrecompiledPolicies;
import dev.warden.quarkus.runtime.PrecompiledPolicyForms;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.GeneratedResourceBuildItem;
import io.quarkus.deployment.builditem.HotDeploymentWatchedFileBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Policies on the classpath are found and checked when the application is built: a document that does not parse or
 * type-check fails the build with file, line and rule ({@value PolicyCodes#BUILD_CHECK_FAILED}), as it would fail
 * startup. Each is registered as a native-image resource (a native binary cannot read what was not included) and, in
 * dev mode, as a watched file that needs no restart, so an edit reaches the running application's policy reload.
 *
 * <p>The checked form of every expression that compiles is recorded in a generated resource (decision 0059), which
 * the runtime uses for documents that are unchanged. What only the running application knows is left to startup: rules for plugin planes (their vocabularies are
 * beans), data sets (configured or produced at run time), and tool and argument names.
 */
class PolicyBuildProcessor {
    static final String LOCATIONS = "warden.policy.locations";
    static final String CLASSPATH = "classpath:";

    @BuildStep
    ClasspathPoliciesBuildItem discover() {
        List<String> locations = ConfigProvider.getConfig().getOptionalValues(LOCATIONS, String.class)
                .orElse(List.of());
        List<String> names = new ArrayList<>();
        List<PolicySource> sources = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String raw : locations) {
            String location = raw.trim();
            if (!location.startsWith(CLASSPATH)) {
                continue;
            }
            String name = location.substring(CLASSPATH.length());
            name = name.startsWith("/") ? name.substring(1) : name;
            names.add(name);
            try {
                sources.add(PolicySource.classpath(name));
            } catch (IllegalArgumentException notFound) {
                missing.add(name);
            }
        }
        return new ClasspathPoliciesBuildItem(names, sources, missing);
    }

    @BuildStep
    void check(ClasspathPoliciesBuildItem policies, ValidationPhaseBuildItem phase,
            BuildProducer<ValidationErrorBuildItem> errors) {
        for (String name : policies.missing()) {
            errors.produce(error(PolicyCodes.BUILD_RESOURCE_MISSING + " " + LOCATIONS + " names " + CLASSPATH + name
                    + ", which is not on the application's classpath"));
        }
        List<PolicyProblem> problems = BuildTimePolicyCheck.problems(policies.sources());
        if (!problems.isEmpty()) {
            StringBuilder m = new StringBuilder(PolicyCodes.BUILD_CHECK_FAILED + " policies on the classpath do not load ("
                    + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):");
            problems.forEach(p -> m.append("\n  ").append(p));
            errors.produce(error(m.toString()));
        }
    }

    /**
     * Records the checked form of every classpath policy expression (decision 0059), so that the start skips CEL's
     * parser and checker for documents that are unchanged; rules of planes the build cannot know are recorded as
     * checked with the standard vocabulary, which the runtime uses only if that plane declares nothing more.
     */
    @BuildStep
    void precompile(ClasspathPoliciesBuildItem policies, BuildProducer<GeneratedResourceBuildItem> generated,
            BuildProducer<NativeImageResourceBuildItem> resources) throws IOException {
        PrecompiledPolicies forms = BuildTimePolicyCheck.precompile(policies.sources());
        if (forms.expressions() == 0) {
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        forms.write(out);
        generated.produce(new GeneratedResourceBuildItem(PrecompiledPolicyForms.RESOURCE, out.toByteArray()));
        resources.produce(new NativeImageResourceBuildItem(PrecompiledPolicyForms.RESOURCE));
    }

    @BuildStep
    void nativeResources(ClasspathPoliciesBuildItem policies, BuildProducer<NativeImageResourceBuildItem> resources) {
        if (!policies.resources().isEmpty()) {
            resources.produce(new NativeImageResourceBuildItem(policies.resources()));
        }
    }

    /** In dev mode Quarkus copies an edited watched file to the classes directory; no restart, the reload applies it. */
    @BuildStep
    void devModeWatchedFiles(ClasspathPoliciesBuildItem policies,
            BuildProducer<HotDeploymentWatchedFileBuildItem> watched) {
        for (String name : policies.resources()) {
            watched.produce(new HotDeploymentWatchedFileBuildItem(name, false));
        }
    }

    private static ValidationErrorBuildItem error(String message) {
        return new ValidationErrorBuildItem(new DeploymentException("[Warden] " + message));
    }

    /** Compiles documents as the runtime engine does, minus what depends on the running application. */
    static final class BuildTimePolicyCheck {
        private static final Pattern UNKNOWN_PLANE = Pattern.compile("unknown plane '([^']+)'");

        private BuildTimePolicyCheck() {}

        static List<PolicyProblem> problems(List<PolicySource> sources) {
            if (sources.isEmpty()) {
                return List.of();
            }
            PolicyEngine engine = PolicyEngine.builder().build();
            return engine.validate(sources).stream().filter(p -> !runtimeOnly(p)).toList();
        }

        /** The checked forms of every expression that compiles, with the planes the documents name but the build
         * cannot know registered by name (their vocabularies are beans of the running application). */
        static PrecompiledPolicies precompile(List<PolicySource> sources) {
            if (sources.isEmpty()) {
                return PrecompiledPolicies.none();
            }
            PolicyEngine.Builder b = PolicyEngine.builder();
            for (PolicyProblem p : PolicyEngine.builder().build().validate(sources)) {
                Matcher m = UNKNOWN_PLANE.matcher(p.message());
                if (m.lookingAt()) {
                    try {
                        b.plane(m.group(1));
                    } catch (IllegalArgumentException notAPlaneName) {
                        // its rules are not recorded; startup reports the name as it always did
                    }
                }
            }
            return b.build().precompile(sources);
        }

        /**
         * Problems only the running application can decide: a plane that is not built in may be a plugin plane (a
         * bean, with its own vocabulary), and data sets come from run-time configuration and beans.
         */
        static boolean runtimeOnly(PolicyProblem p) {
            String m = p.message();
            return m.startsWith("unknown plane '") || m.contains(PolicyCodes.UNKNOWN_DATA_SET);
        }
    }
}
