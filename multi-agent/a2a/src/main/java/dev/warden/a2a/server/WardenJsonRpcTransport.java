package dev.warden.a2a.server;

import io.a2a.server.TransportMetadata;
import io.a2a.spec.TransportProtocol;

/**
 * Tells the A2A SDK's card validation (a {@link java.util.ServiceLoader} of {@link TransportMetadata}) that this
 * module serves the JSON-RPC transport, as the SDK's reference servers do for theirs.
 */
public final class WardenJsonRpcTransport implements TransportMetadata {
    @Override
    public String getTransportProtocol() {
        return TransportProtocol.JSONRPC.asString();
    }
}
