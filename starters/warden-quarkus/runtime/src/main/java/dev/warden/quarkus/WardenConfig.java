package dev.warden.quarkus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runtime configuration of Warden, under {@code warden.*}.
 *
 * <p>Deliberately a plain mapping rather than an extension {@code @ConfigRoot}: a root would make Quarkus claim the
 * whole {@code warden.*} namespace and report the keys of Warden's add-on jars ({@code warden.postgres.*},
 * {@code warden.anthropic.*}, {@code warden.delegation.*}, {@code warden.mcp.*}) as "unrecognized ... will be
 * ignored" although they are applied. As application-style mappings they are validated strictly instead: a
 * {@code warden.*} key that no Warden module maps (a typo, or the key of an add-on that is not on the classpath)
 * fails the start with SmallRye Config's {@code SRCFG00050 ... does not map to any root}.
 *
 * <p>The keys fixed when the application is built are extension config roots instead, so that Quarkus reports a
 * different value at run time: {@link WardenPlanesConfig} ({@code warden.planes.*}) and {@link WardenBudgetsConfig}
 * ({@code warden.budgets.*}).
 */
@ConfigMapping(prefix = "warden")
public interface WardenConfig {

    /** Where policies come from and how they are reloaded. */
    Policy policy();

    /** The decision audit trail. */
    Audit audit();

    /** Human approvals. */
    Approvals approvals();

    /** Tracing and metrics. */
    Telemetry telemetry();

    /** Run limits applied to every agent. */
    Limits limits();

    /** What the model is told when a policy refuses one of its calls; the audit keeps the detail either way. */
    Feedback refusalFeedback();

    /** How a verified token becomes a Warden principal. */
    Identity identity();

    /** The data-flow plane: labels, egress, redaction, injection containment. */
    DataFlow dataFlow();

    /** Development tokens for demo users; refused whenever the {@code prod} profile is active, whatever this says. */
    DevTokens devTokens();

    /** Conversation memory across runs of the {@code @WardenAgent}s. */
    Memory memory();

    /** SQL analysis in policies ({@code sql.kind}) and lineage. */
    Sql sql();

    /** What Warden's readiness checks tell a caller of {@code /q/health/ready}, which needs no token. */
    Health health();

    interface Health {
        /**
         * Show the checks' data (policy sets and versions, the last reload and why one was rejected, audit record
         * counts, chain check times, why appends fail) to anyone who can reach the health endpoint. Off: each check
         * shows only its name and status (decision 0056), which is all an orchestrator needs; the details are in the
         * log and, for the audit, at {@code GET /v1/audit/verify}.
         */
        @WithDefault("false")
        boolean details();
    }

    interface Sql {
        /**
         * How much work analysing one SQL text may cost (decision 0040); beyond it the text is unanalysable:
         * {@code sql.kind} is {@code UNKNOWN}, lineage unresolved, and a deny resting on it carries
         * {@code WARDEN-POL-0740}.
         */
        ParseBudget parseBudget();
    }

    interface ParseBudget {
        /** Most tokens a SQL text may have (counted by the lexer before any parsing). */
        @WithDefault("4096")
        int maxTokens();

        /** Most parser steps (lookahead consultations) one parse may take. */
        @WithDefault("20000")
        long maxSteps();
    }

    interface Memory {
        /**
         * {@code none} (every run starts afresh; the default), {@code memory} (in this process, bounded) or a provided
         * store such as {@code postgres} (warden-quarkus-postgres: shared by replicas, kept across restarts): a run
         * whose request names a {@code conversationId} continues that conversation of the same user and agent, and
         * starts at the labels of what it holds — each stored message keeps its labels. A store that cannot be read
         * refuses the run.
         */
        @WithDefault("none")
        String store();

        /** Messages kept per conversation; older turns are dropped whole. */
        @WithDefault("200")
        int maxMessages();

        /** Conversations kept at once; the least recently used is forgotten first. */
        @WithDefault("10000")
        int maxConversations();
    }

    /**
     * The {@code ChatModel} bean agents use when their annotation names none: {@code default} is the unqualified
     * bean (e.g. the one Quarkus LangChain4j configures), any other value a bean qualified
     * {@code @Identifier(value)} or {@code @Named(value)}.
     */
    @WithDefault("default")
    String model();

    /** The HTTP clients of model providers built by Quarkus LangChain4j ({@code warden.model-client.*}). */
    ModelClient modelClient();

    interface ModelClient {
        /**
         * Connections each provider client (OpenAI-compatible servers, Ollama, …) keeps alive to its server. Quarkus's
         * REST client caps a client built in code at 50 and Quarkus LangChain4j does not change it, so beyond 50 runs
         * waiting on the model at once the rest queued for a connection (decision 0078). The default matches Quarkus's
         * default worker pool, the most runs that can call the model at once; a size the application set on the client
         * itself wins. At least 1.
         */
        @WithDefault("200")
        int connectionPoolSize();
    }

    /**
     * Models as sinks, by model name (the value of {@code warden.model} or an agent's {@code model}, e.g.
     * {@code warden.models.scripted.clearance=RESTRICTED/*}) or by provider ({@code open_ai}, {@code anthropic}…): what
     * each may be sent. A model without an entry gets {@code warden.data-flow.model-clearance}.
     */
    Map<String, ModelSink> models();

    interface ModelSink {
        /** What this model may be sent, as {@code LEVEL} or {@code LEVEL/CAT1,CAT2} ({@code *}: any category). */
        Optional<String> clearance();

        /**
         * Above clearance: {@code redact} (each part above it is replaced by {@code [withheld: LABEL]}, the model gets
         * the rest) or {@code deny} (the step is refused); default {@code warden.data-flow.model-over-clearance}.
         */
        Optional<String> overClearance();
    }

    interface Policy {
        /**
         * Policy locations, in order: {@code classpath:path/file.yaml}, {@code file:/dir/or/file.yaml} (a directory
         * loads every {@code .yaml}/{@code .yml} in it) or an {@code http(s)://} URL.
         */
        Optional<List<String>> locations();

        /** Watch {@code file:} directories and reload changed documents (validated whole before they apply). */
        @WithDefault("false")
        boolean reload();

        /** How often watched directories are scanned. */
        @WithDefault("2s")
        Duration reloadInterval();

        /**
         * Named data sets rules read with {@code dataset.contains("<name>", value)} (known payees, allow-listed
         * domains), the same for every user. Per-user sets come from the application as {@code PolicyDataSet} beans.
         */
        Map<String, DataSet> dataSets();
    }

    interface DataSet {
        /** The values, inline. */
        Optional<List<String>> values();

        /**
         * A file holding the values: a YAML or JSON list of strings, read at start (a missing or unreadable file
         * stops the start). Combined with {@code values} when both are set.
         */
        Optional<String> file();
    }

    interface Audit {
        /** {@code jsonl} (embedded default), {@code memory} (tests), or a provided store such as {@code postgres}. */
        @WithDefault("jsonl")
        String store();

        /** JSONL file of the embedded store. */
        @WithName("jsonl.path")
        @WithDefault("warden-audit/decisions.jsonl")
        String jsonlPath();

        /**
         * When a checkpoint waits for its audit record to be durable: {@code record} — every checkpoint; {@code
         * effect} — an agent run's model response or tool result that lets the run go on returns once its record is
         * linked, and the run's next checkpoint (before any model call, tool call, delegation, answer, approval or
         * refusal) waits until all of the run's records so far are durable, failing closed if one was lost. Stores
         * that cannot return early (every store but JSONL) behave as {@code record}. Decision 0047.
         */
        @WithDefault("record")
        dev.warden.core.audit.AuditDurability durability();

        /** Whether every JSONL append is forced to disk before the decision takes effect. */
        @WithName("jsonl.fsync")
        @WithDefault("true")
        boolean jsonlFsync();

        /**
         * Force the signed head after every batch (three forced writes per batch) instead of every 256 records: after
         * a crash of the machine at most one batch, not 256 records plus one batch, can be past the head on disk.
         * Decision 0047.
         */
        @WithName("jsonl.force-every-head")
        @WithDefault("false")
        boolean jsonlForceEveryHead();

        /**
         * Longest wait of the thread about to write a JSONL batch (a waiting checkpoint or the background flusher) for
         * the next checkpoint of runs whose deferred records the batch holds, so that both share one forced write;
         * {@code 0s} turns it off. Unset: 200 µs. Nothing is acknowledged before it is durable. Decisions 0057, 0065.
         */
        @WithName("jsonl.commit-delay")
        Optional<java.time.Duration> jsonlCommitDelay();

        /**
         * Base64 HMAC key (at least 16 bytes; e.g. {@code openssl rand -base64 32}) signing the JSONL trail's head in
         * {@code <path>.head} on every append, so {@code /v1/audit/verify} reports a cut or rewritten tail. Unset
         * together with {@code jsonl.head-key-file}: the prod profile refuses to start; other profiles generate a
         * demo-only key in {@code head.key} beside the trail.
         */
        @WithName("jsonl.head-key")
        Optional<String> jsonlHeadKey();

        /** File holding the base64 head key (instead of {@code jsonl.head-key}), e.g. a mounted secret. */
        @WithName("jsonl.head-key-file")
        Optional<String> jsonlHeadKeyFile();

        /**
         * Recovery: when the trail's last line is cut off (a crash or a full disk during an append), move the cut-off
         * bytes to {@code <path>.torn-<millis>}, truncate to the last complete record and write an audit record
         * about it, instead of refusing to start.
         */
        @WithName("jsonl.repair-torn-tail")
        @WithDefault("false")
        boolean jsonlRepairTornTail();

        /**
         * Recovery: sign a trail that has records but no {@code <path>.head} (written before head signing existed)
         * as it is, with an audit record per tenant, instead of refusing to start. Set it once, for the upgrade.
         */
        @WithName("jsonl.adopt-unsigned")
        @WithDefault("false")
        boolean jsonlAdoptUnsigned();

        /**
         * How often readiness re-verifies the whole hash chain (a full read of the store); between checks the last
         * result is reported.
         */
        @WithDefault("5m")
        Duration verifyInterval();

        /**
         * Also publish every decision record, once durable, as an OpenTelemetry log record (body: the hashed JSON;
         * attributes: tenant, seq, hash, run, user, agent, tool, decision, rule ids; trace context of the decision).
         * Needs the OpenTelemetry logs signal: {@code quarkus.otel.logs.enabled=true} at build time.
         */
        @WithDefault("false")
        boolean otelLogs();

        /** Record tool arguments in decision records (digests are always recorded). */
        @WithDefault("false")
        boolean captureArguments();

        /**
         * Labels whose values audit records hold only as salted PBKDF2 digests (as SECRET arguments always are):
         * confidentiality levels (a level covers those above it) and categories, e.g. {@code RESTRICTED,SECRET} or
         * {@code PII}. A call's arguments are judged by the run's labels when the model asked for it; captured
         * arguments of allowed, denied and held calls alike. The hash chain commits to the digests, so verification
         * is unchanged.
         */
        Optional<List<String>> redactLabels();

        /**
         * Name every consulted plane in a run's decision list, allows included ({@code planes[]} of each decision);
         * by default only planes that did more than allow are named. Audit records always list every plane.
         */
        @WithDefault("false")
        boolean reportAllows();
    }

    interface Approvals {
        /**
         * Where suspended runs wait: {@code auto} (the default) follows {@code warden.audit.store} — {@code file}
         * beside a JSONL audit, {@code memory} with a memory audit, the provided store of the same name otherwise;
         * {@code file} (survives restarts, one node or a shared volume), {@code memory}, or a provided store such
         * as {@code postgres} (shared by replicas).
         */
        @WithDefault("auto")
        String store();

        /** Directory of the {@code file} store; default: {@code approvals/} beside the JSONL audit file. */
        @WithName("file.directory")
        Optional<String> fileDirectory();

        /** How often overdue approvals are turned into denials. */
        @WithDefault("30s")
        Duration expiryScan();
    }

    interface Telemetry {
        /** Capture prompt, argument and result content in spans. Off: content never leaves the process. */
        @WithDefault("false")
        boolean captureContent();

        /**
         * Whether agent runs emit their own {@code chat {model}} span per model call: {@code auto} unless the model
         * already emits one (Quarkus LangChain4j's tracing listener, present with quarkus-opentelemetry), so each call
         * has exactly one model span; {@code always}; {@code never}.
         */
        @WithDefault("auto")
        dev.warden.core.telemetry.WardenTelemetry.ModelSpans modelSpans();
    }

    interface Feedback {
        /**
         * {@code detailed}: the rule's reason and code (helps an honest model recover); {@code minimal}: only
         * "refused by policy" and the code (does not teach an injected model which rule to satisfy next).
         */
        @WithName("default")
        @WithDefault("detailed")
        dev.warden.core.RefusalFeedback defaultLevel();

        /** Per-agent override, by agent id: {@code warden.refusal-feedback.agents.banking-assistant=minimal}. */
        Map<String, dev.warden.core.RefusalFeedback> agents();

        /** The level for {@code agentId}. */
        default dev.warden.core.RefusalFeedback of(String agentId) {
            return agents().getOrDefault(agentId, defaultLevel());
        }
    }

    interface Limits {
        /** Model steps per run. */
        @WithDefault("10")
        int maxSteps();

        /** Tool calls per run. */
        @WithDefault("25")
        int maxToolCalls();

        /** Characters of user input accepted per run. */
        @WithDefault("32000")
        int maxInputChars();

        /**
         * Characters of one model answer accepted: its text, thinking and every tool call's name and arguments
         * together (a streamed answer is cut off once past it). A provider, or a model behind a configured base URL,
         * that answers more is refused at {@code MODEL_RESPONSE} with {@code WARDEN-CORE-0146}, audited, before any
         * plane scans the answer, and the run ends {@code DENIED}. The default (1 MiB) is above what any model writes
         * in one answer.
         */
        @WithDefault("1048576")
        int maxModelAnswerChars();

        /**
         * Wall-clock budget of one run (a resumption after approval gets a fresh one). When it passes, the model call,
         * tool or delegated run in flight is cancelled, nothing more starts and the run ends {@code TIMED_OUT} with
         * {@code WARDEN-CORE-0240}, audited. Delegated runs end by their caller's deadline too.
         */
        @WithDefault("120s")
        Duration runTimeout();

        /** Per-agent overrides, keyed by agent id: {@code warden.limits.agents."crm-analyst".run-timeout=30s}. */
        Map<String, AgentLimits> agents();

        /**
         * A tool's own time budget per call, keyed by tool name ({@code warden.limits.tool-timeouts."sql.query"=5s}):
         * for CPU- or I/O-heavy tools, so one call cannot use up a run's budget. Overrides
         * {@code @ToolGovernance(timeoutMillis)}; a call still running when it passes is cancelled and the model told
         * ({@code WARDEN-CORE-0241}).
         */
        Map<String, Duration> toolTimeouts();
    }

    interface AgentLimits {
        /** This agent's run budget, instead of {@code warden.limits.run-timeout}. */
        Optional<Duration> runTimeout();
    }

    interface Identity {
        /** Claim holding the user's roles. */
        @WithDefault("groups")
        String rolesClaim();

        /** Claim holding the user's tenant; absent means the default tenant. */
        @WithDefault("tenant")
        String tenantClaim();

        /** Claims copied into the principal's attributes (visible to policies as {@code user.attributes}). */
        Optional<List<String>> attributeClaims();

        /** Bearer tokens remembered after a successful verification (decision 0045). */
        TokenCache tokenCache();
    }

    interface TokenCache {
        /**
         * How long a verified token is reused without verifying it again, at most (never past its {@code exp}); a key
         * rotated out or revoked at the identity provider stops such a token at most this much later. 0 disables.
         */
        @WithDefault("30s")
        Duration ttl();

        /** Tokens remembered at most; when full, further tokens are verified on every request. */
        @WithDefault("10000")
        int maxSize();
    }

    interface DataFlow {
        /** {@code deny} a flow above a sink's clearance, or {@code redact} the detected spans and let the rest go. */
        @WithDefault("deny")
        String egressMode();

        /** How redacted spans are written: {@code mask} ({@code [REDACTED:IBAN]}) or {@code tokenize} (keyed hash). */
        @WithDefault("mask")
        String redactionStyle();

        /**
         * What a high-risk tool call (financial, external communication, delete, credential change) gets once
         * untrusted content is in the context: {@code deny}, {@code require-approval} or
         * {@code allow-if-provenance-clean} (every high-risk argument comes from the user or trusted content).
         */
        @WithDefault("require-approval")
        String untrustedAction();

        /**
         * What a high-risk call gets when an argument was found only in a source the user's request names (the IBAN
         * of the bill the user asked to pay): {@code require-approval}, or {@code defer-to-policy} when the policies
         * decide per argument ({@code attributes.provenance.<arg>.kind == "endorsed"}).
         */
        @WithDefault("require-approval")
        String endorsedAction();

        /**
         * Roles that may approve a call the data-flow plane holds (untrusted context, endorsed argument, argument over
         * a third party's clearance). Unset or empty: the role {@code approver}, which deployers map from their
         * identity provider — never "anyone else" (decision 0079).
         */
        Optional<List<String>> approverRoles();

        /**
         * Clearance of the answer channel to the user, as {@code LEVEL} or {@code LEVEL/CAT1,CAT2} (levels PUBLIC,
         * INTERNAL, CONFIDENTIAL, RESTRICTED; categories {@code *} for any).
         */
        @WithDefault("RESTRICTED/*")
        String userClearance();

        /** Labels of structured results having a field of this name, e.g. {@code ssn=RESTRICTED/PII}. */
        Map<String, String> fieldLabels();

        /** Clearances of named sinks (delegation targets), same syntax as {@code user-clearance}. */
        Map<String, String> sinkClearances();

        /**
         * What a model with no {@code warden.models.<name>.clearance} may be sent: hosted providers by default, so
         * RESTRICTED content never leaves for them. Same syntax as {@code user-clearance}.
         */
        @WithDefault("CONFIDENTIAL/*")
        String modelClearance();

        /** What a model request above the model's clearance gets by default: {@code redact} or {@code deny}. */
        @WithDefault("redact")
        String modelOverClearance();

        /**
         * E-mail domains of the organisation, e.g. {@code acme.example}: an address in one of them needs no trusted
         * provenance (a reply to a colleague whose address appears only in their inbound mail); what the message
         * carries is still decided by egress. Exact domains only.
         */
        Optional<List<String>> internalDomains();

        /**
         * Fields whose labels bind to their values at egress, e.g. {@code ssn}: a run that read a record holding a
         * tax id may still mail the record's phone number, decided on what the mail carries; the tax id itself, in
         * any spacing or a re-encoding of its digits, is refused. Empty: labels bind to the whole run.
         */
        Optional<List<String>> valueScopedFields();

        /**
         * Auto-loading images in answers (Markdown {@code ![alt](url)}, {@code [ref]: url} definitions, HTML
         * {@code <img src>}): a chat UI fetches them with no click, so an image to another host is an egress no
         * checkpoint sees (decision 0051).
         */
        AnswerImages answerImages();

        interface AnswerImages {
            /**
             * {@code remove} (an image whose host is not allowed becomes {@code [image removed: host]}, audited as a
             * redaction) or {@code off} (answers left as written: only for a UI that renders no images or HTML).
             */
            @WithDefault("remove")
            String mode();

            /**
             * Hosts whose images may load, e.g. {@code cdn.acme.example} or {@code *.acme.example} (its subdomains).
             * Empty: every absolute http(s) image is removed; relative URLs and {@code data:} URIs always load.
             */
            Optional<List<String>> allowedHosts();
        }
    }

    interface DevTokens {
        /** Serve {@code GET /v1/dev/tokens/{user}} (dev and test profiles only). */
        @WithDefault("false")
        boolean enabled();

        /** Lifetime of a minted token. */
        @WithDefault("1h")
        Duration lifetime();

        /**
         * Directory of the demo-only key pair ({@code demo-only-public.pem}, {@code demo-only-private.pem}): created
         * at the first non-prod start with development tokens enabled when {@code mp.jwt.verify.publickey.location}
         * points into it, reused afterwards. The prod profile refuses to start while it trusts a key from here.
         */
        @WithDefault("target/warden-dev-keys")
        String keyDirectory();

        /** Demo users by id. */
        Map<String, DevUser> users();
    }

    interface DevUser {
        /** Roles of the user. */
        Optional<List<String>> roles();

        /** Tenant of the user. */
        @WithDefault("default")
        String tenant();
    }
}
