package dev.warden.core.audit;

import dev.warden.core.WardenCodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The operator's recovery from a torn head sector (decision 0066, {@code warden.audit.jsonl.rebuild-torn-head}). An
 * unforced head is rewritten in place, one 512-byte sector (decision 0052); a device that tears that sector on power
 * loss leaves a head whose signature fails, and the sink refuses to open ({@code WARDEN-CORE-0142}). Asked to, it
 * rebuilds the head only when:
 * <ul>
 *   <li>the head file is exactly one sector (a head written by rename is never torn: anything else is not this case);
 *   <li>every record of the file verifies (each hash, each link to the one before in its tenant's chain, seqs without
 *       gaps), up to its last complete line.
 * </ul>
 * The bad head is moved to {@code <file>.head.torn-<millis>} (kept for investigation), the file's heads are signed as
 * found and an audit record per tenant names the rebuild and where the chain ended. What it cannot tell: records cut
 * from or added to the end of the file while the head was unreadable; that is why it needs the operator's request.
 */
final class JsonlHeadRebuild {
    private static final System.Logger LOG = System.getLogger(JsonlAuditSink.class.getName());

    private JsonlHeadRebuild() {}

    static List<JsonlOpenCheck.Notice> run(Path file, JsonlFileScan scan, JsonlHeadFile head) {
        long size;
        try {
            size = Files.size(head.path());
        } catch (IOException e) {
            throw refused(head, "its size cannot be read: " + e.getMessage());
        }
        if (size != JsonlHeadFile.SLOT) {
            throw refused(head, "it is " + size + " bytes, not one " + JsonlHeadFile.SLOT + "-byte sector written in"
                    + " place, so it was not torn by a power loss");
        }
        ChainVerification chain = verify(file, scan.validEnd);
        if (!chain.valid()) {
            throw refused(head, "the records themselves do not verify: " + chain.message());
        }
        Path kept = head.path().resolveSibling(head.path().getFileName() + ".torn-" + System.currentTimeMillis());
        try {
            Files.move(head.path(), kept, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw refused(head, "it cannot be moved aside: " + e.getMessage());
        }
        LOG.log(Level.WARNING, "audit head " + head.path() + " failed its signature; moved to " + kept + " and rebuilt"
                + " from the verified chain of " + file + " (" + chain.records() + " records)");
        List<JsonlOpenCheck.Notice> notices = new ArrayList<>();
        TreeSet<String> tenants = new TreeSet<>(scan.heads.keySet());
        if (tenants.isEmpty()) {
            tenants.add("default");
        }
        for (String tenant : tenants) {
            HashChain.Head h = scan.heads.getOrDefault(tenant, new HashChain.Head(0, HashChain.GENESIS));
            notices.add(new JsonlOpenCheck.Notice(tenant, "signed audit head rebuilt at start: the head failed its"
                    + " signature (a sector torn by a power loss, or an altered head) and was moved to "
                    + kept.getFileName() + "; every link of the file verified (" + chain.records() + " records) and"
                    + " this tenant's chain ends at seq " + h.seq() + " hash " + h.hash() + ", signed as found. Records"
                    + " cut from or added to the end while the head was unreadable cannot be told"
                    + " (warden.audit.jsonl.rebuild-torn-head)"));
        }
        return notices;
    }

    private static ChainVerification verify(Path file, long end) {
        if (!Files.isRegularFile(file)) {
            return ChainVerification.ok(0);
        }
        try (Stream<String> lines = BoundedLines.of(file, end)) {
            return HashChainVerifier.verify(lines::iterator);
        } catch (IOException | UncheckedIOException e) {
            return new ChainVerification(false, 0, null, null, "cannot read it: " + e.getMessage());
        }
    }

    private static AuditFileException refused(JsonlHeadFile head, String why) {
        return new AuditFileException(WardenCodes.AUDIT_HEAD_MISMATCH, "the signature of " + head.path()
                + " does not match its heads, and warden.audit.jsonl.rebuild-torn-head does not rebuild it: " + why
                + ". Keep both files for investigation and start on a new audit file.", null);
    }
}
