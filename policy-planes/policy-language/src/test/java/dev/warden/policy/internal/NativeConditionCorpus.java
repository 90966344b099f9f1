package dev.warden.policy.internal;

import java.util.List;

/**
 * Conditions for the differential test of {@link NativeCondition}: the 50 conditions of the benchmark policy
 * ({@code integration-tests/benchmarks/.../fifty-rules.yaml}) followed by edge cases — errors, mixed types, macros,
 * shadowing comprehension variables and constructs the translation leaves to CEL.
 */
final class NativeConditionCorpus {
    private NativeConditionCorpus() {}

    /** The benchmark policy's conditions; each is decided natively for its benchmark request. */
    static final int BENCH_CONDITIONS = 50;

    static List<String> expressions() {
        return List.of(EXPRESSIONS.strip().split("\n"));
    }

    private static final String EXPRESSIONS = """
            "incident-freeze" in user.attributes && user.attributes["incident-freeze"] == "on" && "WRITE" in tool.effects
            "suspended" in user.roles
            !tool.declared
            tool.name in ["shell.exec", "python.run", "os.command"]
            "CODE_EXECUTION" in tool.effects
            tool.name.startsWith("admin.")
            tool.name.startsWith("iam.") || tool.name.startsWith("secrets.")
            tool.name.startsWith("crm.") && !("READ" in tool.effects)
            tool.name.startsWith("crm.") && "DELETE" in tool.effects
            tool.name == "crm.export" && !("vp-engineering" in user.roles) && !("vp-sales" in user.roles)
            tool.name == "crm.get_account" && has(args.fields) && args.fields.exists(f, f in ["ssn", "tax_id", "bank_account"])
            tool.name == "crm.get_account" && has(args.accountId) && !args.accountId.startsWith("ACC-")
            tool.name == "sql.query" && sql.kind(args.query) != "SELECT"
            tool.name == "sql.query" && sql.kind(args.query) in ["DDL", "DCL"]
            tool.name == "sql.query" && sql.kind(args.query) == "UNKNOWN"
            tool.name == "sql.query" && has(args.database) && !(args.database in ["crm", "analytics"])
            tool.name == "sql.execute" && sql.kind(args.statement) in ["INSERT", "UPDATE", "MERGE"]
            tool.name == "email.send"
            tool.name == "email.send" && email.domain(args.to) != "acme.com"
            tool.name == "email.send" && has(args.cc) && email.domain(args.cc) != "acme.com"
            tool.name == "email.send" && has(args.body) && size(args.body) > 20000
            "junior-analyst" in user.roles && "EXTERNAL_COMMUNICATION" in tool.effects
            "contractor" in user.roles && !time.within("Mon-Fri 08:00-18:00", "Europe/Zurich")
            tool.name == "slack.post" && !(args.channel in ["#sales", "#crm-updates", "#analytics"])
            tool.name == "web.fetch" && !(url.host(args.url) in ["docs.acme.com", "acme.com", "status.acme.com"])
            tool.name == "web.fetch" && !args.url.startsWith("https://")
            tool.name in ["http.post", "webhook.call"]
            tool.name == "payments.transfer" && args.amount > 1000
            tool.name == "payments.transfer" && !("finance" in user.roles)
            tool.name == "payments.transfer" && has(args.currency) && args.currency != "EUR"
            tool.name == "billing.refund" && args.amount >= 500
            "FINANCIAL" in tool.effects && context.labels.untrusted
            tool.name == "billing.get_invoice" && has(args.region) && "region" in user.attributes && args.region != user.attributes["region"]
            context.labels.atLeast("RESTRICTED") && !tool.sink.atLeast("RESTRICTED")
            "PII" in context.labels.categories && !("PII" in tool.sink.categories) && !("*" in tool.sink.categories)
            "CREDENTIALS" in context.labels.categories && "EXTERNAL_COMMUNICATION" in tool.effects
            context.labels.untrusted && tool.risk in ["HIGH", "CRITICAL"]
            tool.name == "docs.read" && has(args.tenant) && args.tenant != user.tenant
            context.usage.toolCalls >= 40
            context.usage.tokens > 200000
            context.usage.steps > 15 && "WRITE" in tool.effects
            context.depth > 3
            context.scoped && !context.chainPermits(tool.name)
            context.depth > 0 && ("WRITE" in tool.effects || "DELETE" in tool.effects)
            task.purpose == "customer-support" && tool.name.startsWith("billing.") && "WRITE" in tool.effects
            agent.id == "crm-analyst" && agent.version.startsWith("0.")
            tool.name == "tickets.create" && has(args.priority) && args.priority == "P1" && !("on-call" in user.roles)
            tool.name == "calendar.invite" && has(args.attendees) && args.attendees.exists(a, email.domain(a) != "acme.com")
            tool.name.startsWith("crm.") && !("crm-reader" in user.roles)
            tool.name == "sql.query" && !args.query.contains("LIMIT")
            args.s && false
            false && args.s
            args.s || true
            true || args.s
            args.s && true
            args.missing == "x" && false
            args.missing == "x" || true
            !args.s
            args.n > 1
            args.n >= 1
            args.n < 2
            args.n <= 0
            args.d == 0.0
            args.d > 1.0
            args.d < 2.5
            args.n == 1
            args.n != 2
            args.s == "x"
            args.s != "x"
            args.s == args.n
            args.n == args.d
            size(args.s) > 1
            args.s.size() == 2
            size(args.list) == 2
            size(args.m) == 1
            args.list.exists(x, x == "a")
            args.list.all(x, x > 1)
            args.list.all(x, x == "a" || x == "b")
            args.list.exists_one(x, x == "a")
            args.list.filter(x, x == "a").size() == 1
            args.list.map(x, x).size() > 0
            args.m.exists(k, k == "k")
            args.m.all(k, args.m[k] == "v")
            "a" in args.list
            1 in args.list
            args.n in [1, 2]
            args.s in ["a", "x"]
            args.s in args.list
            "k" in args.m
            args.m["k"] == "v"
            args.list[0] == "a"
            args.list[5] == "a"
            has(args.m.k)
            has(args.s)
            has(args.m.name) && args.m.name == "x"
            (args.n > 1 ? "big" : "small") == "big"
            args.n > 1 ? true : false
            sql.kind(args.s) == "SELECT"
            sql.kind(args.query) in ["DDL", "DCL"]
            email.domain(args.s) == "acme.com"
            url.host(args.s) == ""
            url.host(args.url) == "acme.com"
            time.within("Mon-Fri 08:00-18:00", "Europe/Zurich")
            time.within(args.s, "UTC")
            time.within("Mon-Fri 08:00-18:00", args.s)
            time.within("Sat-Sun", "UTC")
            context.labels.atLeast(args.s)
            context.labels.atLeast("INTERNAL")
            context.chainPermits(args.s)
            context.chainPermits(tool.name)
            tool.sink.atLeast("RESTRICTED")
            tool.source.atLeast("PUBLIC")
            user.attributes["region"] == "eu"
            user.attributes["missing"] == "eu"
            args.s.startsWith("a")
            args.s.contains("")
            args.s.endsWith("😀")
            args.s.startsWith(args.s)
            target == "t"
            checkpoint == "TOOL_CALL"
            content.text == ""
            content.labels.untrusted
            size(content.text) > 3
            chain.exists(h, h.agent == "a")
            chain.exists(h, "email.send" in h.scopes)
            context.chain.size() > 0
            context.scopes.exists(s, s.startsWith("crm."))
            tool.effects.exists(e, e == "READ")
            user.roles.all(r, r != "x")
            user.id == "alice" && user.tenant == "acme"
            task.runId == "" || task.conversationId == "c"
            agent.owner == "unknown"
            tool.risk == "HIGH" || tool.declared
            context.labels.level == "RESTRICTED" && context.labels.integrity == "TRUSTED"
            context.usage.inputTokens > 100000 || context.usage.outputTokens >= 60000
            args.list.exists(x, args.list.exists(y, x == y && x != "a"))
            args.list.exists(tool, tool == "a") && tool.name == "crm.get_account"
            args.list.exists(tool, tool.name == "x")
            args.fields.exists(f, f in ["ssn", "tax_id", "bank_account"])
            attributes.k == "v"
            has(attributes.k)
            now() > timestamp("2020-01-01T00:00:00Z")
            args.n + 1 > 2
            int(args.s) > 0
            args.s.matches("^a")
            [args.s, args.n].size() == 2
            [args.s, "b"][0] == "a"
            """;
}
