package dev.warden.quarkus.delegation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Delegation between agents, under {@code warden.delegation.*}. Runtime configuration: the same application can be
 * started as one service hosting every agent, or several times with some agents reached remotely.
 *
 * <pre>
 * warden.delegation.issuer=research-svc
 * warden.delegation.edges.supervisor.to=researcher,writer
 * warden.delegation.remote.researcher.url=http://research-b:8080
 * warden.delegation.trusted-keys.jwks-urls=http://research-b:8080/v1/delegations/jwks
 * warden.delegation.trusted-issuers=research-b
 * </pre>
 */
@ConfigMapping(prefix = "warden.delegation")
public interface DelegationConfig {

    /** This service's name: the {@code iss} of the context tokens it signs. */
    @WithDefault("warden")
    String issuer();

    /** The key this service signs outgoing context tokens with. */
    SigningKeyConfig signingKey();

    /** Public keys of the services whose context tokens this service accepts. */
    TrustedKeysConfig trustedKeys();

    /**
     * Issuers ({@code iss}, the peers' {@link #issuer()}) whose context tokens this service accepts, besides its own
     * issuer (another replica, or a loopback call). A token from any other issuer is refused
     * ({@code WARDEN-DLG-0162}), even when it is signed with a trusted key.
     */
    Optional<Set<String>> trustedIssuers();

    /** Where the ids of accepted context tokens are remembered, so each token is used once. */
    Replay replay();

    /**
     * Trust edges by calling agent: {@code warden.delegation.edges.<caller>.to=a,b}. An agent with at least one edge
     * gets the {@code delegate} tool. An edge naming an agent that is neither local nor configured under
     * {@link #remote()} stops the application at startup.
     */
    Map<String, Edges> edges();

    /**
     * Agents of other services, by id: with a {@code url} they are delegated to over HTTP (even when the same agent
     * also runs here); without one they are only known as callers (so their edges into this service can be declared).
     */
    Map<String, RemoteAgent> remote();

    /** Most hops a delegation chain may have. */
    @WithDefault("3")
    int maxDepth();

    /** Most delegations one caller run may start. */
    @WithDefault("8")
    int maxFanOut();

    /** Longest a delegated run may take, local or remote, before it is cancelled. */
    @WithDefault("60s")
    Duration timeout();

    /**
     * Whether the person's root request goes with delegations to remote peers (decision 0073), where its text passes
     * the data-flow check for the peer. {@code false} never sends it (callees then count nothing as {@code user}):
     * use it while receivers that predate the field are still running (deploy receivers first).
     */
    @WithDefault("true")
    boolean sendRootRequest();

    /** Lifetime of the context tokens this service signs (single use at the receiver). */
    @WithDefault("60s")
    Duration tokenTtl();

    /** The replay store. */
    interface Replay {
        /**
         * {@code auto} (the default) follows {@code warden.audit.store}: {@code file} beside a JSONL audit,
         * {@code postgres} with a PostgreSQL audit, {@code memory} with a memory audit. {@code file}: survives
         * restarts, shared by processes on one volume. {@code postgres}: the default JDBC datasource, shared by every
         * replica (table {@code warden_delegation_replay} in {@code warden.postgres.schema}). {@code memory}: one
         * process, forgotten on restart (tests). If the store cannot answer, tokens are refused (HTTP 503,
         * {@code WARDEN-DLG-0161}).
         */
        @WithDefault("auto")
        String store();

        /** File of the {@code file} store; default: {@code delegation-replay.log} beside the JSONL audit file. */
        Optional<Path> path();

        /** Most unexpired token ids the {@code file} and {@code memory} stores hold; new tokens beyond are refused. */
        @WithDefault("10000")
        int capacity();

        /** Longest a {@code postgres} claim may take; beyond it the token is refused. */
        @WithDefault("5s")
        Duration timeout();
    }

    /**
     * Refusals of inbound delegations whose context token does not verify are aggregated in the audit trail per code
     * and source address over this window: the first is recorded, the rest are counted into one summary record when
     * the window closes (a flood of bad tokens is not one durable append each). {@code 0s} records every refusal.
     */
    @WithDefault("60s")
    Duration unverifiedRefusalWindow();

    /** Outgoing trust edges of one agent. */
    interface Edges {
        /** Callee agent ids. */
        List<String> to();

        /** The most these edges grant the callee; absent means no narrowing beyond what the caller holds. */
        Optional<Set<String>> scopes();

        /** Task purposes the edges are trusted for; absent means any purpose. */
        Optional<Set<String>> purposes();
    }

    /** An agent served by another service. */
    interface RemoteAgent {
        /** Base URI of the service hosting the agent, e.g. {@code http://research-b:8080}. */
        Optional<URI> url();

        /** What the agent does (shown to models choosing a delegate). */
        Optional<String> description();
    }

    /** Where the signing key comes from. */
    interface SigningKeyConfig {
        /**
         * A private JWK (RSA → RS256, EC P-256 → ES256) with a {@code kid}. Absent: an ES256 key is generated at
         * startup (fine for one process or peers reading {@code /v1/delegations/jwks}; it changes on every restart).
         */
        Optional<Path> jwkFile();

        /** Key id of a generated key; default {@code <issuer>-<random>}. */
        Optional<String> kid();
    }

    /** Which public keys verify incoming context tokens. */
    interface TrustedKeysConfig {
        /** Inline JWKS document ({@code {"keys":[...]}}). */
        Optional<String> jwks();

        /** Peers' JWKS endpoints, e.g. {@code http://svc-a:8080/v1/delegations/jwks}; fetched lazily, refreshed. */
        Optional<List<URI>> jwksUrls();

        /** Accept tokens signed by this service's own key (another replica, or a loopback call). */
        @WithDefault("true")
        boolean trustOwnKey();

        /** How long fetched JWKS documents are reused before they are fetched again. */
        @WithDefault("60s")
        Duration refreshInterval();
    }
}
