/**
 * Remote A2A agents as governed delegates: {@link dev.warden.a2a.remote.A2aDelegateEndpoint} for the {@code Delegator}, trust per remote ({@link dev.warden.a2a.remote.A2aRemoteAgent}) and pinned cards ({@link dev.warden.a2a.remote.RemoteCards}, {@link dev.warden.a2a.remote.CardPins}).
 */
package dev.warden.a2a.remote;
