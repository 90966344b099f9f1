package dev.warden.dataflow.detect;

/** Names of the kinds the built-in detectors report. Custom detectors may report other upper-case kinds. */
public final class SensitiveKinds {
    private SensitiveKinds() {}

    public static final String EMAIL = "EMAIL";
    public static final String PHONE = "PHONE";
    public static final String IBAN = "IBAN";
    public static final String PAYMENT_CARD = "PAYMENT_CARD";
    /** United States social security number (structural rules; no check digit exists). */
    public static final String US_SSN = "US_SSN";
    /** United Kingdom national insurance number (structural rules; no check digit exists). */
    public static final String UK_NINO = "UK_NINO";
    /** Dutch citizen service number (burgerservicenummer) with its 11-test. */
    public static final String NL_BSN = "NL_BSN";
    /** An API key, token or client secret in a vendor's format (AWS, GitHub, GitLab, Slack, Stripe, OpenAI, Google, npm,
     * Hugging Face, Azure AD). */
    public static final String API_KEY = "API_KEY";
    /** The password of a URL, or a high-entropy token next to a secret-like keyword; no known vendor format. */
    public static final String SECRET = "SECRET";
    public static final String PRIVATE_KEY = "PRIVATE_KEY";
    public static final String JWT = "JWT";
}
