package dev.warden.samples.banking;

import dev.warden.policy.PolicyDataSet;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code known-payees} data set the banking policies read ({@code dataset.contains("known-payees", user,
 * args.recipient)}): for each customer, the payees their records declare ({@code known_payees} in the environment)
 * and the recipients of transfers and standing orders the customer made themselves ({@code origin: user}). Bank
 * records, not content: a payee written in a transfer subject or a letter never becomes known.
 */
@Singleton
public class KnownPayees implements PolicyDataSet {
    public static final String NAME = "known-payees";

    private final Supplier<BankingAssistant> assistant;

    @Inject
    KnownPayees(BankingAssistant assistant) {
        this(() -> assistant);
    }

    /** For harnesses that swap the bank between runs. */
    public KnownPayees(Supplier<BankingAssistant> assistant) {
        this.assistant = assistant;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Collection<String> values(String tenant, String user) {
        if (tenant == null || user == null) {
            return List.of(); // payees are per customer: the global form knows none
        }
        BankingAssistant bank = assistant.get();
        synchronized (bank) {
            BankingEnvironment env = bank.environment(tenant, user);
            List<String> out = new ArrayList<>();
            env.knownPayees.forEach(p -> out.add(p.iban));
            String own = env.account == null ? null : env.account.iban;
            for (List<BankingEnvironment.Transaction> list : List.of(env.transactions, env.scheduledTransactions)) {
                for (BankingEnvironment.Transaction t : list) {
                    if ("user".equals(t.originFor(own)) && t.recipient != null) {
                        out.add(t.recipient);
                    }
                }
            }
            return out;
        }
    }
}
