package dev.warden.a2a;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.Governor;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.core.testing.BankTools;
import dev.warden.core.testing.TestPlanes;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.model.scripted.ScriptedChatModel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

/** Real HTTP servers on 127.0.0.1, user tokens from a test identity provider, and the bank teller agent. */
final class A2aFixtures {
    private A2aFixtures() {}

    static final String IDP = "https://idp.test";
    static final RsaJsonWebKey USER_KEY = generate();

    private static RsaJsonWebKey generate() {
        try {
            RsaJsonWebKey k = RsaJwkGenerator.generateJwk(2048);
            k.setKeyId("idp-1");
            return k;
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A user token of the test identity provider for {@code audience}. */
    static String userToken(String subject, String audience, String... roles) {
        return tenantToken(null, subject, audience, roles);
    }

    /** A user token naming a tenant ({@code tenant} claim; {@code null}: none, the default tenant). */
    static String tenantToken(String tenant, String subject, String audience, String... roles) {
        try {
            JwtClaims c = new JwtClaims();
            if (tenant != null) {
                c.setStringClaim("tenant", tenant);
            }
            c.setIssuer(IDP);
            c.setAudience(audience);
            c.setSubject(subject);
            c.setExpirationTimeMinutesInTheFuture(5);
            c.setIssuedAtToNow();
            c.setStringListClaim("groups", List.of(roles));
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(c.toJson());
            jws.setKey(USER_KEY.getPrivateKey());
            jws.setKeyIdHeaderValue(USER_KEY.getKeyId());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws.getCompactSerialization();
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A started HTTP server on an ephemeral loopback port. */
    static final class Host implements AutoCloseable {
        final HttpServer http;
        final URI base;

        Host() throws IOException {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "a2a-test-http");
                t.setDaemon(true);
                return t;
            }));
            base = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
        }

        Host serve(HttpHandler handler) {
            http.createContext("/", handler);
            http.start();
            return this;
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }

    /**
     * The bank's policy: an intern may not use the teller at all (denied at the first model request, by who the
     * caller is); every transfer needs a manager's approval.
     */
    static Governor.Builder bankGovernor(InMemoryAuditSink audit) {
        return Governor.builder().auditSink(audit).plane(TestPlanes.of("bank-policy", 200,
                EnumSet.of(Checkpoint.MODEL_REQUEST, Checkpoint.TOOL_CALL), (req, ctx) -> {
                    if (req.checkpoint() == Checkpoint.MODEL_REQUEST && ctx.user().hasRole("intern")) {
                        return Decision.deny("interns may not use the teller", "BANK-0001",
                                Basis.rule("bank-policy", "bank", "1", "no-interns"));
                    }
                    if ("send_money".equals(req.toolName())) {
                        return Decision.requireApproval("transfers need a manager", Set.of("manager"),
                                Duration.ofHours(1), Basis.rule("bank-policy", "bank", "1", "transfer-approval"));
                    }
                    return Decision.allow("bank-policy");
                }));
    }

    /** The teller: balances (a CONFIDENTIAL/FINANCIAL read) and transfers. */
    static GovernedAgent teller(BankTools bank, Governor governor) {
        return GovernedAgent.builder().id("teller")
                .model(ScriptedChatModel.rules()
                        .whenUser("balance", m -> List.of(ScriptedChatModel.call("get_balance", Map.of())))
                        .whenUser("send (\\d+) to (\\S+)", m -> List.of(ScriptedChatModel.call("send_money",
                                Map.of("recipient", m.group(2), "amount", Integer.parseInt(m.group(1))))))
                        .finalAnswer(rs -> "Balance: " + rs.get(0).text())
                        .build())
                .tools(bank).governor(governor).build();
    }

    /** Approves the card the remote serves now, as an operator who reviewed it (quoting its digest). */
    static dev.warden.a2a.remote.CardPin approveAsServed(dev.warden.a2a.remote.RemoteCards cards,
            dev.warden.a2a.remote.A2aRemoteAgent remote, dev.warden.core.Principal approver, Governor governor) {
        try {
            return cards.approve(remote, cards.fetch(remote).sha256(), approver, "reviewed in test", governor);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A public web search tool for agents that only touch public data. */
    static final class Search {
        @Tool(name = "web_search", value = "Searches the public web")
        @ToolGovernance(effects = Effect.READ)
        public String search(@P("query") String query) {
            return "results for " + query;
        }
    }
}
