package dev.warden.quarkus.console;

import io.quarkus.arc.Unremovable;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Authenticates console pages from the browser's session cookie, which holds the same bearer JWT the REST API takes in
 * the {@code Authorization} header: the token is handed, as SmallRye JWT's own credential type, to the application's
 * identity provider for it, so signature, issuer, audience and expiry are verified exactly as for the API, and the pages
 * see the same {@link SecurityIdentity}.
 *
 * <p>Only paths under {@code /warden} read the cookie (it is also scoped there with {@code Path=/warden}): the REST API
 * keeps taking only headers, so a browser's ambient cookie can never drive it. A cookie that no longer verifies
 * (expired, key rotated) makes the request anonymous rather than failing it, so the page can send the browser to the
 * login form; this mechanism never issues a challenge of its own.
 */
@ApplicationScoped
@Unremovable // looked up by Quarkus' HTTP authenticator through Instance<HttpAuthenticationMechanism> only
public class ConsoleSessionMechanism implements HttpAuthenticationMechanism {
    /** The console's session cookie: HttpOnly, SameSite=Strict, Path=/warden. */
    public static final String COOKIE = "warden-console";
    static final String PATH = "/warden";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (!isConsolePath(context.normalizedPath())) {
            return Uni.createFrom().nullItem();
        }
        Cookie cookie = context.request().getCookie(COOKIE);
        if (cookie == null || cookie.getValue() == null || cookie.getValue().isBlank()) {
            return Uni.createFrom().nullItem();
        }
        TokenAuthenticationRequest request = new TokenAuthenticationRequest(
                new JsonWebTokenCredential(cookie.getValue()));
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identityProviderManager.authenticate(request).onFailure().recoverWithNull();
    }

    static boolean isConsolePath(String path) {
        return path != null && (path.equals(PATH) || path.startsWith(PATH + "/"));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }
}
