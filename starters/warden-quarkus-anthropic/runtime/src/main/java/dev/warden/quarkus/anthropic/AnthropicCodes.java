package dev.warden.quarkus.anthropic;

/** Stable codes of this module's failures; they appear in exception messages and logs and never change meaning. */
public final class AnthropicCodes {
    /** The model was called but no API key is configured ({@code warden.anthropic.api-key} / {@code ANTHROPIC_API_KEY}). */
    public static final String MISSING_API_KEY = "WARDEN-ANT-0001";
    /** The API answered with an error status (401 bad key, 400 bad request, 429 rate limit, 529 overloaded, ...). */
    public static final String ERROR_STATUS = "WARDEN-ANT-0002";
    /** The API could not be reached or did not answer in time. */
    public static final String UNREACHABLE = "WARDEN-ANT-0003";
    /** The configuration cannot work (e.g. a base URL that is not an absolute http(s) URL). */
    public static final String BAD_CONFIGURATION = "WARDEN-ANT-0004";

    private AnthropicCodes() {}
}
