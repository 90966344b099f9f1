package dev.warden.delegation.token;

import java.time.Instant;

/**
 * Where a receiver remembers the token ids ({@code jti}) it has accepted, until the tokens expire: a token is used
 * once. Implementations: {@link ReplayCache} (one process, forgotten on restart — tests and single short-lived
 * processes), {@link FileReplayStore} (survives restarts; shared by processes on one volume) and
 * {@link JdbcReplayStore} (PostgreSQL, shared by every replica).
 *
 * <h2>Contract</h2>
 * {@link #claim} is atomic: of any number of concurrent claims of one id — in one process or, for shared stores, in
 * several — exactly one returns {@link Claim#FIRST_USE} while the id is remembered. A store that cannot answer throws
 * {@link ReplayStoreException} (or any runtime exception); the verifier then refuses the token
 * ({@code WARDEN-DLG-0161}): an unknown answer is never taken as "first use". Implementations are thread-safe; they may
 * block (file or database I/O), so call them from a worker thread.
 *
 * <pre>{@code
 * ReplayStore replay = new JdbcReplayStore(dataSource, "public", clock, Duration.ofSeconds(5));
 * ContextTokenVerifier verifier = new ContextTokenVerifier(keys, Set.of("svc-a"), clock, replay, 3,
 *         Duration.ofSeconds(5), Duration.ofMinutes(5));
 * }</pre>
 */
public interface ReplayStore {
    /** Outcome of {@link #claim}. */
    enum Claim {
        /** The id was not seen; it is now remembered until {@code expiresAt}. */
        FIRST_USE,
        /** The id was already claimed and has not expired. */
        REPLAYED,
        /** The store is full of live ids; nothing was remembered, so the token is refused (fail closed). */
        FULL
    }

    /**
     * Records {@code jti} as used until {@code expiresAt}, unless it already is.
     *
     * @throws ReplayStoreException if the store cannot be read or written
     */
    Claim claim(String jti, Instant expiresAt);
}
