package dev.warden.quarkus.runtime;

import dev.warden.policy.PrecompiledPolicies;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.jboss.logging.Logger;

/**
 * The checked forms of the application's {@code classpath:} policies, written by the extension when the application
 * was built (decision 0059). The engine uses a form only for a document with exactly the text and an expression in
 * exactly the environment it was recorded for; without the resource, or with one that cannot be read, every
 * expression is compiled at start as before: the forms change how long a load takes, never what it loads.
 */
public final class PrecompiledPolicyForms {
    /** The generated resource. */
    public static final String RESOURCE = "META-INF/warden/precompiled-policies.bin";
    private static final Logger LOG = Logger.getLogger(PrecompiledPolicyForms.class);

    private PrecompiledPolicyForms() {}

    static PrecompiledPolicies load() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        cl = cl == null ? PrecompiledPolicyForms.class.getClassLoader() : cl;
        try (InputStream in = cl.getResourceAsStream(RESOURCE)) {
            return in == null ? PrecompiledPolicies.none() : PrecompiledPolicies.read(new BufferedInputStream(in));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Warden cannot read %s (%s); policies are compiled at start instead", RESOURCE, e.toString());
            return PrecompiledPolicies.none();
        }
    }
}
