package dev.warden.dataflow.corpus;

import java.util.List;
import java.util.function.Supplier;

/** The negative half of the corpus: near misses of every kind and ordinary text full of numbers. */
final class NegativeSamples {
    private final List<Sample> out;
    private final Values v;

    private NegativeSamples(List<Sample> out, Values v) {
        this.out = out;
        this.v = v;
    }

    static void addTo(List<Sample> out, Values v) {
        NegativeSamples n = new NegativeSamples(out, v);
        n.nearMisses();
        n.businessText();
    }

    private void negative(int n, String note, Supplier<String> text) {
        for (int i = 0; i < n; i++) {
            String t = v.pick(Names.OPENERS) + " " + text.get() + " " + v.pick(Names.CLOSERS);
            out.add(new Sample("n-" + note.replaceAll("[^a-z0-9]+", "-") + "-" + i, t.trim(), List.of(),
                    "near-miss: " + note));
        }
    }

    private void nearMisses() {
        negative(20, "iban bad checksum", () -> "Transfer to " + v.breakOneDigit(v.iban(), 2) + " failed validation.");
        negative(15, "iban wrong length", () -> {
            String iban = v.iban();
            return "Account " + (v.between(0, 1) == 0 ? iban.substring(0, iban.length() - 1) : iban + v.digits(1))
                    + " looks wrong.";
        });
        negative(10, "iban unknown country", () -> "Reference " + Values.withCheckDigits("XQ", v.digits(18)) + ".");
        negative(20, "card bad luhn", () -> {
            return "Card " + Values.grouped(v.breakOneDigit(v.card(), 1), ' ') + " was declined as invalid.";
        });
        negative(20, "order number passing luhn", () -> "Your order number " + Values.withLuhn("4" + v.digits(14))
                + " has shipped.");
        negative(15, "unknown issuer passing luhn", () -> "Tracking " + Values.withLuhn("9" + v.digits(14)) + ".");
        negative(15, "ssn invalid area or serial", () -> v.pick(List.of("000", "666", "9" + v.digits(2))) + "-"
                + v.digits(2) + "-" + v.digits(4) + " is the " + v.pick(List.of("form code", "batch id", "lot")) + ".");
        negative(5, "ssn advertising sample", () -> "The wallet card showed 078-05-1120, the famous sample.");
        negative(10, "nino bad prefix or suffix", () -> v.pick(List.of("BG", "GB", "QQ", "DA", "ZZ", "TN"))
                + v.digits(6) + v.pick(List.of("A", "C", "E", "Z")) + " is not valid.");
        negative(15, "bsn failing 11-test", () -> "BSN " + v.bsn(false) + " was rejected by the registry.");
        negative(15, "short or test keys", () -> v.pick(List.of("AKIA" + v.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 10),
                "ghp_" + v.alnum(20), "sk_test_ is the test prefix", "xoxb-short", "sk-" + v.alnum(10),
                "use the AIza prefix")) + " in the docs.");
        negative(15, "public keys and certificates", () -> v.pem(v.pick(List.of("PUBLIC KEY", "CERTIFICATE",
                "RSA PUBLIC KEY"))));
        negative(15, "jwt lookalikes", () -> v.pick(List.of(v.jwt(false), "eyJhbGciOi." + v.alnum(30) + "."
                + v.alnum(20), v.jwt(true).substring(0, 40))) + " in the log.");
        negative(15, "email lookalikes", () -> v.pick(List.of("root@localhost", "@" + v.pick(Names.FIRST).toLowerCase()
                + " mentioned you", "name(at)example.com", "jane.doe@example", "user@.example.com",
                "foo@bar_baz.com"))
                + " in the thread.");
        negative(15, "phone lookalikes", () -> v.pick(List.of("Version " + v.between(1, 9) + "." + v.between(0, 20)
                + "." + v.digits(4), "+1 415 55", "on 2024-" + v.between(10, 12) + "-" + v.between(10, 28),
                "Room 12-" + v.digits(3), "total 1," + v.digits(3) + "," + v.digits(3) + " rows")) + ".");
        negative(20, "hashes and uuids", () -> v.pick(List.of(
                "commit " + v.chars("0123456789abcdef", 40), "sha256:" + v.chars("0123456789abcdef", 64),
                "request id " + v.chars("0123456789abcdef", 8) + "-" + v.chars("0123456789abcdef", 4) + "-4"
                        + v.chars("0123456789abcdef", 3) + "-a" + v.chars("0123456789abcdef", 3) + "-"
                        + v.chars("0123456789abcdef", 12),
                "see https://docs.example.com/guides/getting-started/installation-and-configuration")) + ".");
    }

    private void businessText() {
        negative(60, "business text", () -> v.pick(List.of(
                "Invoice INV-%s for %s.%s EUR is due on %s-%s-2026.".formatted(v.digits(6), v.between(10, 9999),
                        v.digits(2), v.between(10, 28), v.between(10, 12)),
                "Meeting moved to %s:%s in room %s; bring the Q%s numbers.".formatted(v.between(10, 17),
                        v.pick(List.of("00", "30")), v.between(100, 450), v.between(1, 4)),
                "Shipment %s weighs %s kg and contains %s items.".formatted(v.alnum(10).toUpperCase(),
                        v.between(2, 900), v.between(1, 40)),
                "Balance after the transfer: %s,%s.%s USD.".formatted(v.between(1, 99), v.digits(3), v.digits(2)),
                "%s %s joined the %s team on %s March.".formatted(v.pick(Names.FIRST), v.pick(Names.LAST),
                        v.pick(List.of("payments", "risk", "support")), v.between(1, 28)),
                "ISBN 978-%s-%s-%s-%s is out of stock.".formatted(v.digits(1), v.digits(3), v.digits(5),
                        v.digits(1)),
                "The build %s passed %s of %s tests in %s ms.".formatted(v.digits(5), v.between(100, 999),
                        v.between(1000, 1200), v.digits(5)),
                "Policy number POL-%s-%s renews in %s days.".formatted(v.digits(4), v.digits(7), v.between(5, 90)))));
    }
}
