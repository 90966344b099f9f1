package dev.warden.quarkus.console;

import dev.warden.quarkus.WardenConfig;
import dev.warden.quarkus.api.ApiProblem;
import dev.warden.quarkus.api.DevTokenResource;
import dev.warden.quarkus.api.Dtos.DevToken;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Signing in to the console. The session is the same bearer JWT the REST API takes, kept in an HttpOnly,
 * SameSite=Strict cookie scoped to {@code /warden} until the token expires. Two ways in: pasting a token from the
 * organisation's identity provider (verified here by the application's token identity provider, exactly as an API
 * call), or — only where the REST API itself mints development tokens ({@code warden.dev-tokens.enabled}, never the
 * {@code prod} profile) — picking a demo user.
 */
@Singleton
@Blocking // pages read the caller's identity, which lazy authentication resolves off the IO thread
@Path("/warden")
public class LoginPage {
    @Inject
    ConsolePages pages;
    @Inject
    WardenConfig warden;
    @Inject
    DevTokenResource devTokens;
    @Inject
    IdentityProviderManager identities;
    @Inject
    Clock clock;

    /** One demo user on the picker. */
    public record DemoUser(String id, String roles, String tenant) {}

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response root() {
        return Response.seeOther(URI.create("/warden/approvals")).build();
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public Response form() {
        return pages.page(() -> pages.ok("login", "Sign in", Map.of("demoUsers", demoUsers())));
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response login(@FormParam("_csrf") List<String> csrf, @FormParam("user") List<String> users,
            @FormParam("token") List<String> tokens) {
        return pages.page(() -> {
            pages.checkCsrf(FormFields.one(csrf, "_csrf"));
            String user = FormFields.one(users, "user");
            String token = FormFields.one(tokens, "token");
            String jwt;
            if (user != null && !user.isBlank()) {
                if (demoUsers().isEmpty()) {
                    throw new ApiProblem(404, ConsoleCodes.DEMO_LOGIN_DISABLED,
                            "demo users are not available here; paste a token from your identity provider");
                }
                try {
                    DevToken minted = devTokens.mint(user.trim());
                    jwt = minted.token();
                } catch (ApiProblem e) {
                    throw dev.warden.quarkus.api.ApiCodes.DISABLED.equals(e.code())
                            ? new ApiProblem(404, ConsoleCodes.DEMO_LOGIN_DISABLED, e.getMessage()) : e;
                }
            } else if (token != null && !token.isBlank()) {
                jwt = token.trim().startsWith("Bearer ") ? token.trim().substring(7).trim() : token.trim();
            } else {
                throw new ApiProblem(400, ConsoleCodes.BAD_FORM, "pick a demo user or paste a token");
            }
            SecurityIdentity verified = verify(jwt);
            long maxAge = maxAge(verified);
            pages.session(jwt, maxAge);
            return Response.seeOther(URI.create("/warden/approvals")).build();
        });
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response logout(@FormParam("_csrf") List<String> csrf) {
        return pages.page(() -> {
            pages.checkCsrf(FormFields.one(csrf, "_csrf"));
            pages.session("", 0);
            return Response.seeOther(URI.create("/warden/login")).build();
        });
    }

    private SecurityIdentity verify(String jwt) {
        try {
            SecurityIdentity id = identities.authenticateBlocking(
                    new TokenAuthenticationRequest(new JsonWebTokenCredential(jwt)));
            if (id == null || id.isAnonymous()) {
                throw new AuthenticationFailedException("no identity");
            }
            return id;
        } catch (AuthenticationFailedException | IllegalStateException e) {
            throw new ApiProblem(400, ConsoleCodes.TOKEN_REJECTED, "the token did not verify here "
                    + "(signature, issuer, audience and expiry are checked as for the REST API)");
        }
    }

    private long maxAge(SecurityIdentity id) {
        if (id.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
            return Math.max(0, Duration.between(clock.instant(), Instant.ofEpochSecond(jwt.getExpirationTime()))
                    .toSeconds());
        }
        return Duration.ofHours(1).toSeconds();
    }

    List<DemoUser> demoUsers() {
        if (!warden.devTokens().enabled() || ConfigUtils.getProfiles().contains("prod")) {
            return List.of();
        }
        return warden.devTokens().users().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new DemoUser(e.getKey(), String.join(", ", e.getValue().roles().orElse(List.of())),
                        e.getValue().tenant()))
                .toList();
    }
}
