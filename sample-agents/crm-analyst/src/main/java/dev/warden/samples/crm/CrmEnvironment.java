package dev.warden.samples.crm;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The CRM analyst's world, loaded from YAML (see {@code crm/environment.yaml}): the company's mail domain, the
 * customer records the CRM database is seeded with, and the inbox. Unknown fields are an error, so a typo in a test
 * environment fails loudly instead of silently setting up the wrong situation.
 */
@RegisterForReflection(targets = {CrmEnvironment.class, CrmEnvironment.Customer.class, CrmEnvironment.Mail.class})
public final class CrmEnvironment {
    @JsonProperty("company_domain")
    public String companyDomain;
    public List<Customer> customers = new ArrayList<>();
    public List<Mail> inbox = new ArrayList<>();

    /** One CRM record; {@code ssn} is the field the data-flow plane labels RESTRICTED/PII. */
    public static final class Customer {
        public int id;
        public String name;
        public String company;
        public String email;
        public String phone;
        public String ssn;
        public String tier;
        public String city;
        @JsonProperty("annual_revenue")
        public BigDecimal annualRevenue;
    }

    /** An inbound message: written by someone outside the company, so untrusted. */
    public static final class Mail {
        public String from;
        public String subject;
        public String body;
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Loads {@code classpath:...} or a file path; a malformed environment is a startup error naming the file. */
    public static CrmEnvironment load(String location) {
        try (InputStream in = open(location)) {
            CrmEnvironment env = YAML.readValue(in, CrmEnvironment.class);
            env.validate(location);
            return env;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load CRM environment " + location + ": " + e.getMessage(), e);
        }
    }

    private void validate(String location) {
        if (companyDomain == null || companyDomain.isBlank()) {
            throw new IllegalArgumentException("CRM environment " + location + " must define company_domain");
        }
        Set<Integer> ids = new HashSet<>();
        for (Customer c : customers) {
            if (c.name == null || c.name.isBlank() || !ids.add(c.id)) {
                throw new IllegalArgumentException("CRM environment " + location + ": customer " + c.id
                        + " needs a name and an id no other customer has");
            }
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
}
