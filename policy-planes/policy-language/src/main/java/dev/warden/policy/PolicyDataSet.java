package dev.warden.policy;

import java.util.Collection;

/**
 * A named set of values policies read instead of literals: known payees, allow-listed domains, sanctioned countries.
 * Rules ask {@code dataset.contains("known-payees", args.recipient)} (one set for everyone) or
 * {@code dataset.contains("known-payees", user, args.recipient)} (the set of the requesting user, e.g. the payees in
 * that customer's records). Membership compares normalised values: Unicode NFKC case-folded, whitespace removed, so
 * {@code "gb29 nwbk 6016 1331 9268 19"} is the member {@code GB29NWBK60161331926819}; numbers compare as numbers.
 *
 * <p>Implementations are supplied by configuration ({@code warden.policy.data-sets.<name>.*}) or by the application
 * (in Quarkus, any bean of this type), e.g. backed by a database. They must be thread-safe. A name must be known when
 * policies load: a rule naming an unknown set fails the load with file, line and rule id. A set that throws while a
 * rule is evaluated makes that evaluation fail, and the plane denies: a store that is down never widens what an agent
 * may do.
 */
public interface PolicyDataSet {
    /** The name rules use; letters, digits, {@code -}, {@code _} and {@code .}. */
    String name();

    /**
     * The values of this set for one requester. Sets that are the same for everyone ignore both arguments.
     *
     * @param tenant the requesting user's tenant, {@code null} when a rule asks the global form
     * @param user the requesting user's id, {@code null} when a rule asks the global form
     */
    Collection<String> values(String tenant, String user);

    /** A set of fixed values, the same for everyone. */
    static PolicyDataSet of(String name, Collection<String> values) {
        java.util.List<String> copy = java.util.List.copyOf(values);
        return new PolicyDataSet() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Collection<String> values(String tenant, String user) {
                return copy;
            }
        };
    }
}
