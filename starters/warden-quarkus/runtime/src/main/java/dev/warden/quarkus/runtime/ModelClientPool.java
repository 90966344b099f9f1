package dev.warden.quarkus.runtime;

import dev.warden.quarkus.WardenConfig;
import io.smallrye.config.SmallRyeConfig;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientListener;

/**
 * Sizes the connection pool of every model-provider client Quarkus LangChain4j builds
 * ({@code warden.model-client.connection-pool-size}, decision 0078). Registered as a MicroProfile REST Client
 * listener ({@code META-INF/services}), so it is loaded only where the Quarkus REST client is; clients of other
 * packages and a pool size the application set itself are left as they are.
 */
public final class ModelClientPool implements RestClientListener {
    /** Quarkus REST client property read when the client is built (default 50). */
    static final String POOL_SIZE = "io.quarkus.rest.client.connection-pool-size";
    private static final String PROVIDER_PACKAGES = "io.quarkiverse.langchain4j.";

    @Override
    public void onNewClient(Class<?> serviceInterface, RestClientBuilder builder) {
        if (serviceInterface.getName().startsWith(PROVIDER_PACKAGES)
                && builder.getConfiguration().getProperty(POOL_SIZE) == null) {
            int size = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class)
                    .getConfigMapping(WardenConfig.class).modelClient().connectionPoolSize();
            if (size < 1) {
                throw new IllegalArgumentException("warden.model-client.connection-pool-size must be at least 1 (was "
                        + size + ")");
            }
            builder.property(POOL_SIZE, size);
        }
    }
}
