package dev.warden.bench;

/** Deterministic benchmark texts of 1 MiB. */
final class BenchTexts {
    private BenchTexts() {}

    private static final String PROSE = "The quarterly review covers revenue of 1,240,000 EUR across 14 regions, "
            + "with churn at 3.2% and 27 open tickets scheduled for 2026-12-01. The team agreed to revisit pricing in "
            + "Q1 and to publish the onboarding guide version 4.1.7 before the holidays. ";

    private static final String[] SENSITIVE = {
        "Please wire it to DE89 3704 0044 0532 0130 00 today. ",
        "Card on file 4111 1111 1111 1111 exp 12/28. ",
        "Contact maria.lopez@example.com for details. ",
        "Call me on +1 415 555 0132 after 5pm. ",
        "key AKIAIOSFODNN7EXAMPLE was rotated. ",
        "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U ok. ",
        "SSN 123-45-6789 on the form. ",
    };

    static String mib(boolean dense) {
        StringBuilder sb = new StringBuilder(1 << 20);
        int i = 0;
        while (sb.length() < (1 << 20) - 400) {
            sb.append(PROSE);
            if (dense) {
                sb.append(SENSITIVE[i++ % SENSITIVE.length]);
            }
        }
        return sb.toString();
    }
}
