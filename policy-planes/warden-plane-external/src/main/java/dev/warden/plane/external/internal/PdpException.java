package dev.warden.plane.external.internal;

/** The PDP gave no usable answer; {@code code} is one of {@code PdpCodes}. Never cached. */
public final class PdpException extends RuntimeException {
    private final String code;

    public PdpException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
