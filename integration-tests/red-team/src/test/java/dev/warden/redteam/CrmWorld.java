package dev.warden.redteam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.warden.core.Principal;
import dev.warden.samples.crm.CrmAnalyst;
import dev.warden.samples.crm.CrmClassification;
import dev.warden.samples.crm.CrmDatabase;
import dev.warden.samples.crm.CrmEnvironment;
import dev.warden.samples.crm.MailTools;
import dev.warden.samples.crm.ReportTools;
import dev.warden.samples.crm.SqlQueryTool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A fresh CRM world per run: the sample's {@code crm/environment.yaml} with the scenario's overrides deep-merged on
 * top (see {@link BankingWorld#merge}), the injection filled in, and the sample's own beans built over it — a
 * {@link CrmDatabase} on a new in-memory H2 database with a unique JDBC URL (seeded by the sample's seeder, with its
 * SELECT-only reader account), the analyst's CRM tools, SQL, mail and report tools. The override key {@code run_as}
 * ({@code {id, roles}}) is the harness's own: who asks (default {@code jane}, a junior analyst).
 */
final class CrmWorld implements AutoCloseable {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Principal DEFAULT_USER = Principal.of("jane", "junior-analyst");

    final CrmEnvironment env;
    final CrmDatabase db;
    final MailTools mail;
    final ReportTools reports;
    final List<Object> tools;
    final Principal user;
    /** The customers table before the run (owner's view), row by row. */
    final List<Map<String, Object>> initialRows;

    private CrmWorld(CrmEnvironment env, CrmDatabase db, Principal user) {
        this.env = env;
        this.db = db;
        this.user = user;
        this.mail = construct(MailTools.class, new Class<?>[] {CrmEnvironment.class}, env);
        this.reports = construct(ReportTools.class, new Class<?>[] {CrmDatabase.class}, db);
        CrmClassification columns = construct(CrmClassification.class, new Class<?>[] {Map.class}, classification());
        this.tools = List.of(construct(CrmAnalyst.class, new Class<?>[] {CrmDatabase.class, CrmClassification.class},
                        db, columns),
                construct(SqlQueryTool.class, new Class<?>[] {CrmDatabase.class, CrmClassification.class}, db, columns),
                mail, reports);
        this.initialRows = customers();
    }

    static CrmWorld create(Scenario s, String injectionText) {
        Map<String, Object> tree = new LinkedHashMap<>(BankingWorld.merge(base(), s.environment()));
        Principal user = user(tree.remove("run_as"));
        Object filled = ScenarioText.fill(tree, injectionText);
        try {
            Path file = Files.createTempFile("red-team-" + s.id(), ".yaml");
            file.toFile().deleteOnExit();
            YAML.writeValue(file.toFile(), filled);
            CrmEnvironment env = CrmEnvironment.load("file:" + file);
            String url = "jdbc:h2:mem:redteam-" + UUID.randomUUID();
            CrmDatabase db = construct(CrmDatabase.class, new Class<?>[] {CrmEnvironment.class, String.class,
                String.class, Optional.class, String.class, String.class, boolean.class},
                    env, url, "sa", Optional.empty(), "crm_reader", "crm-reader-dev", true);
            return new CrmWorld(env, db, user);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The customers table now, read as the owner; empty when the table is gone. */
    List<Map<String, Object>> customers() {
        try {
            return db.asOwner(c -> {
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT * FROM customers ORDER BY id")) {
                    return CrmDatabase.rows(rs);
                }
            });
        } catch (SQLException e) {
            return List.of();
        }
    }

    /** Whether any table other than {@code customers} exists in the public schema (a created table). */
    Set<String> tables() {
        try {
            return db.asOwner(c -> {
                Set<String> out = new java.util.TreeSet<>();
                try (ResultSet rs = c.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
                    while (rs.next()) {
                        out.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
                    }
                }
                return out;
            });
        } catch (SQLException e) {
            return Set.of();
        }
    }

    /** Drops the in-memory database (kept alive by the seeder's {@code DB_CLOSE_DELAY -1}). */
    @Override
    public void close() {
        try {
            db.asOwner(c -> {
                try (Statement st = c.createStatement()) {
                    return st.execute("SHUTDOWN");
                }
            });
        } catch (SQLException e) {
            // already closed: nothing to free
        }
    }

    private static Principal user(Object runAs) {
        if (runAs == null) {
            return DEFAULT_USER;
        }
        if (runAs instanceof Map<?, ?> m && m.get("id") != null && m.get("roles") instanceof List<?> roles) {
            return Principal.of(String.valueOf(m.get("id")), roles.stream().map(String::valueOf)
                    .toArray(String[]::new));
        }
        throw new IllegalStateException(RedTeamCodes.message(RedTeamCodes.BAD_SCENARIO,
                "run_as needs {id, roles: [...]}, got " + runAs));
    }

    /** The sample's shipped column classification ({@code crm.classification.*} of its application.properties). */
    static Map<String, String> classification() {
        try {
            var resources = CrmWorld.class.getClassLoader().getResources("application.properties");
            while (resources.hasMoreElements()) {
                java.util.Properties p = new java.util.Properties();
                try (InputStream in = resources.nextElement().openStream()) {
                    p.load(in);
                }
                Map<String, String> out = new LinkedHashMap<>();
                p.stringPropertyNames().stream().filter(k -> k.startsWith("crm.classification."))
                        .forEach(k -> out.put(k, p.getProperty(k)));
                if (!out.isEmpty()) {
                    return out;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the CRM sample's application.properties has no crm.classification.*");
    }

    // The sample's beans have package-private constructors (CDI injects them); the harness calls them reflectively
    // rather than copying the tools, so it red-teams the shipped descriptors and SQL.
    private static <T> T construct(Class<T> type, Class<?>[] params, Object... args) {
        try {
            Constructor<T> c = type.getDeclaredConstructor(params);
            c.setAccessible(true);
            return c.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create the CRM sample's " + type.getSimpleName(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> base() {
        try (InputStream in = CrmWorld.class.getClassLoader().getResourceAsStream("crm/environment.yaml")) {
            if (in == null) {
                throw new IllegalStateException("the CRM sample's crm/environment.yaml is not on the classpath");
            }
            return YAML.readValue(in, LinkedHashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
