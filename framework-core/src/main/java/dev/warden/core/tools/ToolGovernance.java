package dev.warden.core.tools;

import dev.warden.core.Confidentiality;
import dev.warden.core.Effect;
import dev.warden.core.Integrity;
import dev.warden.core.Risk;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the governance metadata of a LangChain4j {@code @Tool} method: its effects, the most sensitive labels it
 * may receive (sink clearance) and the labels its results carry (source labels).
 *
 * <pre>{@code
 * @Tool("Send money to an IBAN")
 * @ToolGovernance(effects = {Effect.FINANCIAL, Effect.WRITE}, risk = Risk.CRITICAL,
 *         sinkLevel = Confidentiality.CONFIDENTIAL, sinkCategories = {"FINANCIAL"})
 * String sendMoney(String recipient, double amount) { ... }
 *
 * @Tool("Read the latest transactions")
 * @ToolGovernance(effects = Effect.READ, sourceLevel = Confidentiality.CONFIDENTIAL,
 *         sourceCategories = {"FINANCIAL"}, sourceIntegrity = Integrity.UNTRUSTED)
 * String recentTransactions(int n) { ... }
 * }</pre>
 *
 * A {@code @Tool} without this annotation is registered as undeclared: no effects known, risk HIGH. Policies can
 * (and the shipped ones do) refuse undeclared tools.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ToolGovernance {
    Effect[] effects() default {};

    Risk risk() default Risk.LOW;

    /** Highest confidentiality the tool's arguments may carry. */
    Confidentiality sinkLevel() default Confidentiality.RESTRICTED;

    /** Categories the tool may receive; {@code "*"} (the default) admits every category. */
    String[] sinkCategories() default {"*"};

    /** Confidentiality of every result of the tool. */
    Confidentiality sourceLevel() default Confidentiality.PUBLIC;

    /** Categories every result of the tool carries. */
    String[] sourceCategories() default {};

    /** Whether results come from a source the user controls. Inbound mail, web pages, memos: UNTRUSTED. */
    Integrity sourceIntegrity() default Integrity.TRUSTED;

    /**
     * The tool's own time budget per call in milliseconds (0: none): for CPU- or I/O-heavy tools, so one call cannot
     * use up the run's whole budget. A call still running when it passes is cancelled (its thread interrupted) and
     * the model is told ({@code WARDEN-CORE-0241}); the run's own deadline bounds every call regardless.
     */
    long timeoutMillis() default 0;

    /**
     * Item-level labels of a JSON result: {@code "origin=user"} makes every JSON object whose {@code origin} field is
     * {@code user} trusted as a whole, whatever {@link #sourceIntegrity()} says. Empty: whole-result labels.
     */
    String trustedItemWhen() default "";

    /** Field-level labels of a JSON result: fields trusted in every item (bank-attested sender, amount, date). */
    String[] trustedFields() default {};

    /**
     * Trusted fields naming who wrote each item of a JSON result (a message's {@code sender}): an item whose author
     * the user's request names is endorsed content, and what it points at is endorsed one step further; items by
     * anyone else keep {@link #sourceIntegrity()}. See {@link dev.warden.core.provenance.ItemLabels#authorFields()}.
     */
    String[] authorFields() default {};

    /**
     * Field-level labels of a JSON result: fields written by outside parties (a customer's name, company or notes, a
     * ticket's subject), UNTRUSTED in every item of an otherwise trusted result — instructions stored in data are
     * treated like instructions in mail. A result holding one is untrusted; a result that is not JSON is untrusted as
     * a whole. Per-call field labels (a query's columns) are declared with {@link ResultLabels#declareFields}.
     */
    String[] untrustedFields() default {};

    /**
     * Arguments with a sink of their own, as {@code name=LEVEL} or {@code name=LEVEL[CATEGORY,...]}: a transfer
     * subject the payee reads is {@code subject=PUBLIC}. Confidential values cannot flow into them without approval.
     */
    String[] argumentClearances() default {};

    /**
     * Arguments (as the model names them) that carry secrets — passwords, tokens, keys. Their values are digested or
     * redacted in audit records, approval and confirmation views, logs and span attributes. Arguments named like
     * credentials ({@code password}, {@code api_key}…) are secret without being listed.
     */
    String[] secretArguments() default {};
}
