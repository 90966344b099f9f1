package dev.warden.dataflow.corpus;

import static dev.warden.dataflow.detect.SensitiveKinds.*;

import dev.warden.dataflow.corpus.Sample.Expected;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Generates the labelled detector corpus deterministically from a seed. Positive samples embed one sensitive value
 * in real-looking prose; negative samples are near misses (bad checksums, wrong lengths, order numbers that pass Luhn,
 * public keys, JWT-like strings without {@code alg}) and ordinary business text full of numbers.
 *
 * <p>Regenerate the checked-in file with {@code CorpusFile.main}; {@code CorpusFileTest} fails when they differ.
 */
final class CorpusGenerator {
    static final long SEED = 20261125L;
    private final Random rnd = new Random(SEED);
    private final Values v = new Values(rnd);
    private final List<Sample> out = new ArrayList<>();

    static List<Sample> generate() {
        CorpusGenerator g = new CorpusGenerator();
        g.positives();
        NegativeSamples.addTo(g.out, g.v);
        HardSamples.addTo(g.out, g.v);
        return List.copyOf(g.out);
    }

    private void positive(int n, String kind, String note, Supplier<String[]> valueAndSentence) {
        for (int i = 0; i < n; i++) {
            String[] vs = valueAndSentence.get();
            String text = v.pick(Names.OPENERS) + " " + vs[1] + " " + v.pick(Names.CLOSERS);
            out.add(new Sample("p-" + kind.toLowerCase() + "-" + i, text.trim(), List.of(new Expected(kind, vs[0])),
                    note));
        }
    }

    private String person() {
        return v.pick(Names.FIRST) + " " + v.pick(Names.LAST);
    }

    private void positives() {
        positive(35, EMAIL, "email", () -> {
            String e = (v.pick(Names.FIRST) + "." + v.pick(Names.LAST)).toLowerCase().replace(" ", "")
                    + (rnd.nextBoolean() ? "" : String.valueOf(v.between(1, 99))) + "@" + v.pick(Names.DOMAINS);
            return new String[] {e, v.pick(List.of("Please reply to %s by Friday.", "Contact: %s",
                    "The invoice went to <%s> yesterday.", "cc %s, who owns the account.")).formatted(e)};
        });
        positive(35, PHONE, "phone", () -> {
            String p = v.pick(List.of("+1 %s-%s-%s".formatted(v.pick(List.of("212", "415", "617", "312", "206")),
                            v.between(201, 989), v.digits(4)),
                    "+44 20 7%s %s".formatted(v.digits(3), v.digits(4)),
                    "+49 30 %s %s".formatted(v.digits(4), v.digits(4)),
                    "+33 1 %s %s %s %s".formatted(v.digits(2), v.digits(2), v.digits(2), v.digits(2)),
                    "+31 20 %s %s".formatted(v.digits(3), v.digits(4)),
                    "(%s) %s-%s".formatted(v.pick(List.of("212", "415", "617")), v.between(201, 989), v.digits(4))));
            return new String[] {p, v.pick(List.of("Call me at %s after 5pm.", "Phone: %s", "Her mobile is %s.",
                    "You can reach the branch on %s.")).formatted(p)};
        });
        positive(40, IBAN, "iban with valid mod-97", () -> {
            String iban = v.iban();
            String shown = rnd.nextBoolean() ? iban : Values.groupsOf4(iban);
            return new String[] {shown, v.pick(List.of("Please transfer the deposit to %s.",
                    "New beneficiary %s added by %s.".formatted("%s", person()), "IBAN: %s",
                    "Refund account %s (checked).")).formatted(shown)};
        });
        positive(40, PAYMENT_CARD, "card with Luhn and IIN", () -> {
            String pan = v.card();
            String shown = switch (rnd.nextInt(3)) {
                case 0 -> pan;
                case 1 -> Values.grouped(pan, ' ');
                default -> Values.grouped(pan, '-');
            };
            return new String[] {shown, v.pick(List.of("Card number %s, exp 09/28.", "Charged to card %s.",
                    "customer read out the card %s over the phone", "PAN=%s")).formatted(shown)};
        });
        positive(30, US_SSN, "ssn", () -> {
            String ssn = v.ssn();
            boolean dashed = rnd.nextInt(4) > 0;
            String shown = dashed ? ssn : ssn.replace("-", "");
            return new String[] {shown, (dashed ? v.pick(List.of("Applicant %s, SSN %s.".formatted(person(), "%s"),
                    "tax id on file: %s", "Their SSN is %s.")) : "SSN: %s on the W-2.").formatted(shown)};
        });
        positive(30, UK_NINO, "nino", () -> {
            String n = v.nino();
            String shown = rnd.nextBoolean() ? n : n.substring(0, 2) + " " + n.substring(2, 4) + " "
                    + n.substring(4, 6) + " " + n.substring(6, 8) + " " + n.substring(8);
            return new String[] {shown, v.pick(List.of("NI number %s for payroll.", "National Insurance: %s",
                    "Employee %s, NINO %s.".formatted(person(), "%s"))).formatted(shown)};
        });
        positive(30, NL_BSN, "bsn with 11-test", () -> {
            String b = v.bsn(true);
            return new String[] {b, v.pick(List.of("BSN %s", "burgerservicenummer: %s", "Klant %s, BSN: %s."
                    .formatted(person(), "%s"))).formatted(b)};
        });
        positive(40, API_KEY, "vendor-prefixed key", () -> {
            String k = switch (rnd.nextInt(6)) {
                case 0 -> "AKIA" + v.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
                case 1 -> "ghp_" + v.alnum(36);
                case 2 -> "xoxb-" + v.digits(12) + "-" + v.digits(13) + "-" + v.alnum(24);
                case 3 -> "sk_live_" + v.alnum(24 + rnd.nextInt(10));
                case 4 -> "sk-proj-" + v.alnum(48);
                default -> "AIza" + v.alnum(35);
            };
            return new String[] {k, v.pick(List.of("I pasted the key %s in the chat, sorry.", "export TOKEN=%s",
                    "config: key: %s", "Use %s for the staging account.")).formatted(k)};
        });
        positive(25, SECRET, "high entropy next to keyword", () -> {
            String s = v.alnum(v.between(24, 40));
            return new String[] {s, v.pick(List.of("password=%s", "db secret: %s", "Authorization: Bearer %s",
                    "client_secret = \"%s\"")).formatted(s)};
        });
        positive(25, PRIVATE_KEY, "pem private key", () -> {
            String k = v.pem(v.pick(List.of("RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY",
                    "OPENSSH PRIVATE KEY")));
            return new String[] {k, "here is the deploy key:\n" + k + "\n"};
        });
        positive(30, JWT, "jwt with alg", () -> {
            String t = v.jwt(true);
            return new String[] {t, v.pick(List.of("Authorization header was %s", "session cookie: %s",
                    "token %s expired")).formatted(t)};
        });
    }
}
