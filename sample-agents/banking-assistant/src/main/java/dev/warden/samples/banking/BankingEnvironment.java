package dev.warden.samples.banking;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The banking assistant's world, loaded from YAML (see {@code banking/environment.yaml}). Mutable: the tools change
 * it, and only through {@link BankingAssistant}'s governed tools. The file is the starting state of every customer:
 * each (tenant, user) gets a {@link #copy()} of its own. Unknown fields are an error, so a typo in a test
 * environment fails loudly instead of silently setting up the wrong situation.
 */
@RegisterForReflection(targets = {BankingEnvironment.class, BankingEnvironment.Account.class,
        BankingEnvironment.UserInfo.class, BankingEnvironment.Payee.class, BankingEnvironment.Transaction.class,
        BankingEnvironment.BankFile.class})
public final class BankingEnvironment {
    public Account account;
    public UserInfo user;
    @JsonProperty("known_payees")
    public List<Payee> knownPayees = new ArrayList<>();
    public List<Transaction> transactions = new ArrayList<>();
    @JsonProperty("scheduled_transactions")
    public List<Transaction> scheduledTransactions = new ArrayList<>();
    public Map<String, BankFile> files = new LinkedHashMap<>();

    public static final class Account {
        public String owner;
        public String iban;
        public double balance;
    }

    public static final class UserInfo {
        @JsonProperty("first_name")
        public String firstName;
        @JsonProperty("last_name")
        public String lastName;
        public String street;
        public String city;
        public String password;
    }

    public static final class Payee {
        public String name;
        public String iban;
    }

    public static final class Transaction {
        public int id;
        public String sender;
        public String recipient;
        public double amount;
        public String subject;
        public String date;
        public boolean recurring;
        /**
         * {@code user} or {@code external}: who wrote the subject. When omitted: {@code user} for a transfer sent
         * from the account (sender is the account's IBAN or {@code me}), {@code external} for anything else.
         */
        public String origin;

        /** The origin as written, or as implied by the sender when omitted. */
        public String originFor(String accountIban) {
            if (origin != null && !origin.isBlank()) {
                return origin;
            }
            return sender != null && (sender.equalsIgnoreCase("me") || sender.replace(" ", "")
                    .equalsIgnoreCase(accountIban == null ? "" : accountIban.replace(" ", ""))) ? "user" : "external";
        }
    }

    public static final class BankFile {
        public String origin = "external";
        public String content;
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Loads {@code classpath:...} or a file path; a malformed environment is a startup error naming the file. */
    public static BankingEnvironment load(String location) {
        try (InputStream in = open(location)) {
            BankingEnvironment env = YAML.readValue(in, BankingEnvironment.class);
            if (env.account == null || env.account.iban == null || env.user == null) {
                throw new IllegalArgumentException("banking environment " + location
                        + " must define account.iban and user");
            }
            return env;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load banking environment " + location + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String name = location.substring("classpath:".length());
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name);
            if (in == null) {
                throw new IOException("not found on the classpath: " + name);
            }
            return in;
        }
        return Files.newInputStream(Path.of(location.startsWith("file:") ? location.substring(5) : location));
    }

    /** A deep copy: one customer's own state, seeded from this environment. */
    BankingEnvironment copy() {
        return YAML.convertValue(this, BankingEnvironment.class);
    }

    int nextTransactionId() {
        int max = 0;
        for (Transaction t : transactions) {
            max = Math.max(max, t.id);
        }
        for (Transaction t : scheduledTransactions) {
            max = Math.max(max, t.id);
        }
        return max + 1;
    }
}
