package dev.warden.bench.corpus;

import static com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat.E164;
import static com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL;
import static com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat.NATIONAL;

import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The positive half of the independent detector corpus: values from {@link RegistryValues} and {@link KeyValues} in
 * sentences written for this corpus (not the unit tests' templates). The hard negatives are {@link HardNegatives}.
 * Deterministic for a seed.
 */
public final class IndependentCorpus {
    public static final long SEED = 20261204L;
    final Random rnd = new Random(SEED);
    final RegistryValues reg = new RegistryValues(rnd);
    final KeyValues keys = new KeyValues(rnd);
    final List<LabelledText> out = new ArrayList<>();

    public static List<LabelledText> generate() {
        IndependentCorpus c = new IndependentCorpus();
        c.ibans();
        c.cards();
        c.phones();
        c.emails();
        c.nationalIds();
        c.credentials();
        new HardNegatives(c).addAll();
        return List.copyOf(c.out);
    }

    void add(String group, LabelledText.Builder b) {
        out.add(b.build(group.replace('/', '-') + "-" + out.size(), group));
    }

    /** A sentence with one value: {@code before} + value + {@code after}. */
    void one(String group, String kind, String before, String value, String after) {
        add(group, new LabelledText.Builder().text(before).value(kind, value).text(after));
    }

    private void ibans() {
        List<String> before = List.of("Please wire the deposit to ", "IBAN: ", "Beneficiary account ",
                "Kontoverbindung: ", "Refund to account ", "Bank details — ");
        List<String> after = List.of(" before the 15th.", " (holder: M. Lenz)", "", ". Thanks!", " — reference 2026/114.");
        for (String country : RegistryValues.REGISTRY) {
            for (int i = 0; i < 2; i++) {
                String iban = reg.iban(country);
                String[] forms = {iban, RegistryValues.grouped(iban, " ", 4), RegistryValues.grouped(iban, "\u00A0", 4),
                    RegistryValues.grouped(iban, "-", 4)};
                int form = (i == 0) ? rnd.nextInt(2) : 1 + rnd.nextInt(3);
                one("iban/" + country, "IBAN", reg.pick(before), forms[form], reg.pick(after));
            }
        }
    }

    private void cards() {
        List<String> before = List.of("Card number: ", "Please charge my Visa ", "Paid with card ", "credit card ",
                "PAN ", "The debit card ", "billing card on file ", "cc: ", "Mastercard ", "Charged to ");
        List<String> after = List.of(" yesterday.", ", thanks", " was declined.", "", " exp 08/29", " 11/27 CVV 913");
        for (RegistryValues.Network n : RegistryValues.NETWORKS) {
            for (int i = 0; i < 8; i++) {
                String pan = reg.card(n);
                String shown = switch (i % 3) {
                    case 0 -> pan;
                    case 1 -> RegistryValues.cardLayout(pan, " ");
                    default -> RegistryValues.cardLayout(pan, "-");
                };
                one("card/" + n.name(), "PAYMENT_CARD", reg.pick(before), shown, reg.pick(after));
            }
            // printed as on the card, no card word, followed by its expiry
            String pan = reg.card(n);
            one("card/" + n.name() + "/expiry", "PAYMENT_CARD", "Number ", RegistryValues.cardLayout(pan, " "),
                    " 0" + (1 + rnd.nextInt(9)) + "/2" + (6 + rnd.nextInt(4)));
        }
    }

    private void phones() {
        List<String> before = List.of("Call me at ", "Phone: ", "Her mobile is ", "Tel. ", "You can reach our office on ",
                "WhatsApp ", "Contact number ");
        for (String region : RegistryValues.PHONE_REGIONS) {
            for (int i = 0; i < 4; i++) {
                PhoneNumber p = reg.phone(region);
                String shown = switch (i) {
                    case 0 -> RegistryValues.format(p, INTERNATIONAL);
                    case 1 -> RegistryValues.format(p, E164);
                    case 2 -> "00" + RegistryValues.format(p, INTERNATIONAL).substring(1);
                    default -> RegistryValues.format(p, INTERNATIONAL);
                };
                String lead = i == 3 ? "Our " + region + " desk: " : reg.pick(before);
                one("phone/" + region, "PHONE", lead, shown, reg.pick(List.of(" after 5pm.", "", ", ask for Kim.")));
            }
        }
        for (int i = 0; i < 12; i++) { // national format of the configured region (US)
            PhoneNumber p = reg.phone("US");
            String shown = i % 2 == 0 ? RegistryValues.format(p, NATIONAL)
                    : RegistryValues.format(p, NATIONAL).replaceAll("[()]", "").replace(' ', '-');
            one("phone/US/national", "PHONE", reg.pick(List.of("Ring ", "Call ", "Office ", "The clinic is at ")),
                    shown, reg.pick(List.of(" when you land.", " (front desk)", " tomorrow.")));
        }
    }

    private void emails() {
        List<String> first = List.of("anna", "li", "jose", "marta", "tom", "priya", "kenji", "olga", "sam", "noor");
        List<String> last = List.of("schmidt", "wong", "garcia", "okafor", "dubois", "nakamura", "ivanova", "smith");
        List<String> domains = List.of("example.com", "mail.example.co.uk", "firma.de", "startup.io", "uni-wien.ac.at",
                "example.org", "corp.example.net", "studio.design", "klinik.ch");
        for (int i = 0; i < 40; i++) {
            String local = switch (i % 4) {
                case 0 -> reg.pick(first) + "." + reg.pick(last);
                case 1 -> reg.pick(first).charAt(0) + reg.pick(last) + rnd.nextInt(100);
                case 2 -> reg.pick(first) + "+" + reg.pick(List.of("invoices", "news", "git"));
                default -> reg.pick(first) + "_" + reg.pick(last);
            };
            String e = local + "@" + reg.pick(domains);
            one("email", "EMAIL", reg.pick(List.of("Send it to ", "From: ", "cc ", "<a href=\"mailto:", "Reply-To: ")),
                    e, reg.pick(List.of(" please.", "\">mail us</a>", "", ", not the old address.")));
        }
    }

    private void nationalIds() {
        for (int i = 0; i < 20; i++) {
            int area = 1 + rnd.nextInt(898);
            area = area == 666 ? 667 : area;
            String ssn = String.format("%03d-%02d-%04d", area, 1 + rnd.nextInt(99), 1 + rnd.nextInt(9999));
            String shown = i % 4 == 3 ? ssn.replace('-', ' ') : ssn;
            one("ssn", "US_SSN", reg.pick(List.of("SSN: ", "Social Security number ", "ssn ", "SSN on W-2: ")), shown,
                    reg.pick(List.of(".", " (verified)", "")));
        }
        String first = "ABCEGHJKLMNOPRSTWXYZ";
        String second = "ABCEGHJKLMNPRSTWXYZ";
        for (int i = 0; i < 20; i++) {
            String prefix;
            do {
                prefix = "" + first.charAt(rnd.nextInt(first.length())) + second.charAt(rnd.nextInt(second.length()));
            } while (List.of("BG", "GB", "NK", "KN", "TN", "NT", "ZZ").contains(prefix));
            String d = reg.digits(6);
            String nino = prefix + d + "ABCD".charAt(rnd.nextInt(4));
            String shown = switch (i % 3) {
                case 0 -> nino;
                case 1 -> prefix + " " + d.substring(0, 2) + " " + d.substring(2, 4) + " " + d.substring(4) + " "
                        + nino.charAt(8);
                default -> nino.toLowerCase();
            };
            one("nino", "UK_NINO", reg.pick(List.of("NI number ", "National Insurance: ", "NINO ")), shown,
                    reg.pick(List.of(" for payroll.", "", ".")));
        }
        for (int i = 0; i < 15; i++) {
            String bsn;
            do {
                bsn = (1 + rnd.nextInt(9)) + reg.digits(8);
            } while (!elevenTest(bsn));
            one("bsn", "NL_BSN", reg.pick(List.of("BSN ", "burgerservicenummer: ", "Uw BSN is ")), bsn,
                    reg.pick(List.of(".", "", " (gecontroleerd)")));
        }
    }

    static boolean elevenTest(String d) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (i == 8 ? -1 : 9 - i) * (d.charAt(i) - '0');
        }
        return sum % 11 == 0;
    }

    private void credentials() {
        for (int i = 0; i < 24; i++) {
            String k = keys.privateKey(i);
            one("private-key/" + i % 8, "PRIVATE_KEY", reg.pick(List.of("here is the deploy key:\n", "id_rsa\n```\n",
                    "Attached key file:\n\n")), k, reg.pick(List.of("\n", "\n```\n", "\n-- \nops")));
        }
        for (int i = 0; i < 24; i++) {
            one("jwt", "JWT", reg.pick(List.of("Authorization: Bearer ", "session cookie: ", "token ",
                    "id_token=")), keys.jwt(i), reg.pick(List.of(" expired.", "", "; path=/")));
        }
        for (int i = 0; i < 40; i++) {
            String t = keys.vendorToken(i);
            one("api-key/" + i % 10, "API_KEY", reg.pick(List.of("export TOKEN=", "I pasted the key ", "key: ",
                    "AZURE_CLIENT_SECRET=", "use ")), t, reg.pick(List.of(" in the chat, sorry", "", " for staging")));
        }
        for (int i = 0; i < 8; i++) {
            one("secret/aws", "SECRET", "aws_secret_access_key = ", keys.awsSecretAccessKey(), "\n");
            one("secret/azure-storage", "SECRET", "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=",
                    keys.azureStorageKey(), ";EndpointSuffix=core.windows.net");
            one("secret/keyword", "SECRET", reg.pick(List.of("password=", "client_secret: \"", "db secret: ")),
                    keys.alnum(24 + rnd.nextInt(16)), reg.pick(List.of("\"", "", " (rotate me)")));
            String scheme = reg.pick(List.of("postgres", "mysql", "mongodb", "amqp", "https", "redis"));
            String user = scheme.equals("redis") ? "" : reg.pick(List.of("app", "admin", "svc_orders", "deploy"));
            one("secret/url", "SECRET", "url=" + scheme + "://" + user + ":", keys.password(),
                    "@" + reg.pick(List.of("db.internal:5432/orders", "10.0.3.7/app", "mq.example.com/vhost",
                            "git.example.com/team/repo.git")));
        }
    }
}
