package dev.warden.policy.internal;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import com.google.common.collect.ImmutableList;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import dev.warden.core.Confidentiality;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Declarations (for the checker) and bindings (for the runtime) of the Warden functions. The bindings close over the
 * engine's {@link Clock}, so {@code now()} and {@code time.within} are testable without sleeping.
 */
public final class WardenFunctions {
    private WardenFunctions() {}

    /** {@code dataset.contains(name, value)} and {@code dataset.contains(name, user, value)}: see {@link DataSets}. */
    public static final String DATASET_CONTAINS = "dataset.contains";

    static List<CelFunctionDecl> declarations() {
        return List.of(
                newFunctionDeclaration(DATASET_CONTAINS,
                        newGlobalOverload("warden_dataset_contains", SimpleType.BOOL, SimpleType.STRING,
                                SimpleType.DYN),
                        newGlobalOverload("warden_dataset_contains_for_user", SimpleType.BOOL, SimpleType.STRING,
                                WardenTypes.USER, SimpleType.DYN)),
                newFunctionDeclaration("sql.kind", newGlobalOverload("warden_sql_kind", SimpleType.STRING,
                        SimpleType.STRING)),
                newFunctionDeclaration("url.host", newGlobalOverload("warden_url_host", SimpleType.STRING,
                        SimpleType.STRING)),
                newFunctionDeclaration("email.domain", newGlobalOverload("warden_email_domain", SimpleType.STRING,
                        SimpleType.STRING)),
                newFunctionDeclaration("text.fold", newGlobalOverload("warden_text_fold", SimpleType.STRING,
                        SimpleType.STRING)),
                newFunctionDeclaration("text.skeleton", newGlobalOverload("warden_text_skeleton", SimpleType.STRING,
                        SimpleType.STRING)),
                newFunctionDeclaration("text.mentions", newGlobalOverload("warden_text_mentions", SimpleType.BOOL,
                        SimpleType.STRING, SimpleType.STRING)),
                newFunctionDeclaration("now", newGlobalOverload("warden_now", SimpleType.TIMESTAMP)),
                newFunctionDeclaration("time.within", newGlobalOverload("warden_time_within", SimpleType.BOOL,
                        SimpleType.STRING, SimpleType.STRING)),
                newFunctionDeclaration("atLeast", newMemberOverload("warden_labels_at_least", SimpleType.BOOL,
                        WardenTypes.LABELS, SimpleType.STRING)),
                newFunctionDeclaration("chainPermits", newMemberOverload("warden_context_chain_permits",
                        SimpleType.BOOL, WardenTypes.CONTEXT, SimpleType.STRING)));
    }

    @SuppressWarnings("unchecked")
    static List<CelFunctionBinding> bindings(Clock clock, DataSets dataSets) {
        return List.of(
                CelFunctionBinding.from("warden_dataset_contains", String.class, Object.class,
                        (name, value) -> dataSets.contains(name, null, null, value)),
                CelFunctionBinding.from("warden_dataset_contains_for_user",
                        List.of(String.class, Map.class, Object.class), args -> {
                            Map<String, Object> user = (Map<String, Object>) args[1];
                            return dataSets.contains((String) args[0], (String) user.get("tenant"),
                                    (String) user.get("id"), args[2]);
                        }),
                CelFunctionBinding.from("warden_sql_kind", String.class, SqlKind::of),
                CelFunctionBinding.from("warden_url_host", String.class, WardenFunctions::urlHost),
                CelFunctionBinding.from("warden_email_domain", String.class, WardenFunctions::emailDomain),
                CelFunctionBinding.from("warden_text_fold", String.class, TextMatch::fold),
                CelFunctionBinding.from("warden_text_skeleton", String.class, TextMatch::skeleton),
                CelFunctionBinding.from("warden_text_mentions", String.class, String.class, TextMatch::mentions),
                CelFunctionBinding.from("warden_now", ImmutableList.of(), args -> clock.instant()),
                CelFunctionBinding.from("warden_time_within", String.class, String.class,
                        (window, zone) -> TimeWindow.parse(window).contains(clock.instant(), ZoneId.of(zone))),
                CelFunctionBinding.from("warden_labels_at_least", Map.class, String.class,
                        (labels, level) -> atLeast((Map<String, Object>) labels, level)),
                CelFunctionBinding.from("warden_context_chain_permits", Map.class, String.class,
                        (ctx, scope) -> chainPermits((Map<String, Object>) ctx, scope)));
    }

    /** Lower-cased host of a URL ({@code https://a.example.com/x} → {@code a.example.com}); {@code ""} if none. */
    public static String urlHost(String url) {
        if (url == null || url.isBlank()) {
            return "";
        }
        String s = url.trim();
        try {
            URI uri = URI.create(s.contains("://") ? s : "//" + s);
            String host = uri.getHost();
            if (host == null) {
                return "";
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /**
     * Lower-cased domain of one e-mail address ({@code "Bob <bob@Acme.com>"} → {@code acme.com}); {@code ""} if there
     * is none <em>or more than one</em>: a list ({@code "a@evil.example, b@acme.com"}) or a display name that is itself
     * an address ({@code "a@evil.example <b@acme.com>"}) has no single domain, so a rule comparing it to the company
     * domain refuses it instead of reading only the last address (red-team finding on the CRM sample). Likewise a
     * source route in the local part ({@code a%evil.example@acme.com}, {@code evil.example!a@acme.com}): a relay that
     * honours it forwards the mail to the domain inside, so the domain after the {@code @} is not where it goes
     * (session 12 outside probe).
     */
    public static String emailDomain(String address) {
        if (address == null || address.indexOf('@') != address.lastIndexOf('@') || address.indexOf(',') >= 0
                || address.indexOf(';') >= 0) {
            return "";
        }
        String s = address.trim();
        if (s.endsWith(">") && s.lastIndexOf('<') >= 0) {
            s = s.substring(s.lastIndexOf('<') + 1, s.length() - 1);
        }
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1 || sourceRouted(s.substring(0, at))) {
            return "";
        }
        String domain = s.substring(at + 1).toLowerCase(Locale.ROOT);
        domain = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        return domain.isEmpty() || domain.contains("@") || domain.contains(" ") ? "" : domain;
    }

    /** Whether an address's local part routes it on ({@code %} hack, UUCP {@code !} path). */
    static boolean sourceRouted(String localPart) {
        return localPart.indexOf('%') >= 0 || localPart.indexOf('!') >= 0;
    }

    static boolean atLeast(Map<String, Object> labels, String level) {
        Confidentiality wanted = Confidentiality.valueOf(level.trim().toUpperCase(Locale.ROOT));
        return Confidentiality.valueOf((String) labels.get("level")).atLeast(wanted);
    }

    static boolean chainPermits(Map<String, Object> context, String scope) {
        return !Boolean.TRUE.equals(context.get("scoped")) || ((List<?>) context.get("scopes")).contains(scope);
    }
}
