package dev.warden.bench.corpus;

import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Texts with nothing sensitive that look as if they had: Luhn-valid numbers after neutral words, EAN-13 and UPC-A
 * barcodes, image names such as {@code logo@2x.png}, part and lot numbers shaped like SSNs, UUIDs and hashes in log
 * lines, IBAN look-alikes with a wrong check, public keys, version strings and dates, and ordinary prose with numbers.
 */
final class HardNegatives {
    private final IndependentCorpus c;

    HardNegatives(IndependentCorpus c) {
        this.c = c;
    }

    private void none(String group, String text) {
        c.add("neg/" + group, new LabelledText.Builder().text(text));
    }

    void addAll() {
        RegistryValues reg = c.reg;
        KeyValues keys = c.keys;
        List<String> neutral = List.of("Reference", "Customer ID", "Item", "Batch", "Member number", "Voucher",
                "Serial", "Shipment", "Record", "Account ref", "Claim", "Booking code", "Device", "Ticket");
        for (int i = 0; i < 40; i++) {
            int len = 13 + c.rnd.nextInt(7);
            String n = RegistryValues.withLuhn((1 + c.rnd.nextInt(9)) + reg.digits(len - 2));
            none("luhn-after-neutral-word", reg.pick(neutral) + " " + n + reg.pick(List.of(" was archived.",
                    " is pending.", " — see attachment.", "")));
        }
        for (int i = 0; i < 20; i++) {
            String body = reg.pick(List.of("400", "401", "405", "50", "30", "34", "37", "87", "54", "62")) ;
            body = body + reg.digits(12 - body.length());
            String ean = body + gtinCheck(body);
            none("ean13", reg.pick(List.of("EAN ", "Barcode: ", "scanned ", "GTIN ", "")) + ean
                    + reg.pick(List.of(" at the till.", " on the shelf label", " x 3")));
        }
        for (int i = 0; i < 8; i++) {
            String body = reg.digits(11);
            none("upc-a", "UPC " + body + gtinCheck(body) + " restocked.");
        }
        for (int i = 0; i < 12; i++) {
            String img = reg.pick(List.of("logo", "icon", "hero", "avatar", "banner")) + "@" + (2 + c.rnd.nextInt(2)) + "x."
                    + reg.pick(List.of("png", "jpg", "webp", "gif", "svg"));
            none("image-name", reg.pick(List.of("<img src=\"/static/%s\" alt=\"\">", "![logo](assets/%s)",
                    "Replace %s with the new artwork.", "srcset=\"%s 2x\"")).formatted(img));
        }
        for (int i = 0; i < 20; i++) {
            String n = String.format("%03d-%02d-%04d", 1 + c.rnd.nextInt(898), 1 + c.rnd.nextInt(99),
                    1 + c.rnd.nextInt(9999));
            none("part-lot-number", reg.pick(List.of("Part no. ", "Lot ", "Batch ", "Model ", "SKU ", "Order ", "Cat. "))
                    + n + reg.pick(List.of(" is back-ordered.", " failed inspection.", " ships Monday.")));
        }
        for (int i = 0; i < 20; i++) {
            String uuid = new UUID(c.rnd.nextLong(), c.rnd.nextLong()).toString();
            none("uuid-log-line", reg.pick(List.of("WARN Token refresh failed for request %s, retrying",
                    "INFO session %s expired after 30m", "ERROR token validation failed: trace %s",
                    "DEBUG secret rotation job %s started", "password reset link issued, request id %s"))
                    .formatted(uuid));
        }
        for (int i = 0; i < 12; i++) {
            none("hash", reg.pick(List.of("commit %s", "sha256:%s", "checksum %s OK", "ETag: \"%s\""))
                    .formatted(HexFormat.of().formatHex(keys.bytes(c.rnd.nextBoolean() ? 20 : 32))));
        }
        for (int i = 0; i < 16; i++) {
            String iban = reg.iban(reg.pick(RegistryValues.REGISTRY));
            char[] cs = iban.toCharArray();
            int at = 4 + c.rnd.nextInt(cs.length - 4);
            while (!Character.isDigit(cs[at])) {
                at = 4 + c.rnd.nextInt(cs.length - 4);
            }
            cs[at] = (char) ('0' + (cs[at] - '0' + 1 + c.rnd.nextInt(8)) % 10);
            none("iban-bad-check", "Transfer to " + new String(cs) + " failed validation.");
        }
        for (int i = 0; i < 10; i++) {
            none("public-key", reg.pick(List.of(KeyValues.pem("PUBLIC KEY", keys.bytes(294)),
                    KeyValues.pem("CERTIFICATE", keys.bytes(800)),
                    "ssh-ed25519 " + java.util.Base64.getEncoder().encodeToString(keys.bytes(51)) + " ops@bastion",
                    "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n" + java.util.Base64.getEncoder()
                            .encodeToString(keys.bytes(120)) + "\n-----END PGP PUBLIC KEY BLOCK-----")));
        }
        for (int i = 0; i < 10; i++) {
            String jwtLike = KeyValues.b64url("{\"typ\":\"JWT\"}".getBytes()) + "."
                    + KeyValues.b64url(("{\"sub\":\"" + i + "\"}").getBytes()) + "." + keys.alnum(20);
            none("jwt-without-alg", "cached " + jwtLike + " for later");
        }
        for (int i = 0; i < 14; i++) {
            none("phone-lookalike", reg.pick(List.of("Product recall batch %s affects 12 stores.",
                    "Hotel booking %s confirmed for two nights.", "Build %s passed.", "Invoice %s is overdue.",
                    "Recall notice %s issued.")).formatted(reg.digits(10)));
        }
        for (int i = 0; i < 40; i++) {
            none("prose", reg.pick(List.of(
                    "The quarterly review covers revenue of %s EUR across %d regions, with churn at %d.%d%%.",
                    "Meeting moved to %s:30 in room %d; bring the Q%d numbers and the %d-page draft.",
                    "Version %s.%d.%d shipped on 2026-11-%d with %d fixes.",
                    "Shipment weighs %s kg, %d parcels, dispatched %d/%d.",
                    "Our server at 10.%s.%d.%d answered in %d ms.",
                    "ISBN 978-%s-%d-%d-%d is out of stock."))
                    .formatted(reg.digits(3), 10 + c.rnd.nextInt(80), 1 + c.rnd.nextInt(9), c.rnd.nextInt(10),
                            10 + c.rnd.nextInt(20)));
        }
        for (int i = 0; i < 10; i++) {
            none("not-an-email", reg.pick(List.of("ping @" + reg.pick(List.of("anna", "ops", "devteam"))
                    + " about it", "root@localhost refused the connection", "name(at)example.com",
                    "user@.example.com", "the handle is @acme_support")));
        }
    }

    /** GS1 check digit (weights 3 and 1 from the right). */
    static int gtinCheck(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int d = body.charAt(body.length() - 1 - i) - '0';
            sum += i % 2 == 0 ? 3 * d : d;
        }
        return (10 - sum % 10) % 10;
    }
}
