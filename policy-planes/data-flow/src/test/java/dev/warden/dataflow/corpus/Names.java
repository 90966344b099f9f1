package dev.warden.dataflow.corpus;

import java.util.List;

/** Word lists for real-looking corpus text. */
final class Names {
    private Names() {}

    static final List<String> FIRST = List.of("Anna", "Ben", "Chloe", "David", "Elif", "Farah", "George", "Hannah",
            "Ivan", "Julia", "Kenji", "Lena", "Marco", "Nadia", "Oscar", "Priya", "Quentin", "Rosa", "Sven", "Tomas");
    static final List<String> LAST = List.of("Schmidt", "Okafor", "Jansen", "Moreau", "Rossi", "Kowalski", "Smith",
            "Nguyen", "Garcia", "Muller", "Brown", "de Vries", "Haddad", "Tanaka", "Silva");
    static final List<String> DOMAINS = List.of("example.com", "mail.example.org", "acme-corp.io", "bank.example.co.uk",
            "uni-hamburg.de", "startup.ai", "consulting.nl", "post.example.fr");
    static final List<String> OPENERS = List.of("Hi team,", "Dear customer,", "Note:", "FYI", "Ticket update:",
            "Hello,", "Quick reminder:", "As discussed,", "Re: your request", "Summary:");
    static final List<String> CLOSERS = List.of("Thanks!", "Best regards, Support", "Let me know if anything is off.",
            "Kind regards", "Cheers", "-- sent from mobile", "See you tomorrow.", "");
}
