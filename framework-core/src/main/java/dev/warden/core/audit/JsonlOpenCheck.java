package dev.warden.core.audit;

import dev.warden.core.WardenCodes;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a {@link JsonlAuditSink} checks before it continues a file, and the only changes it makes to it on its own:
 *
 * <ul>
 *   <li>the file must end exactly at its signed head. One exception, the crash window: the file's <em>last</em>
 *       records, at most one batch of the sink ({@link JsonlAuditSink#MAX_BATCH}), may continue their tenants'
 *       signed heads (written, then the process died before the head was signed, so none of their {@code append}
 *       calls returned and their decisions were not acted on); they are adopted and an audit record per tenant says
 *       so. Anything else (a cut, a rewritten or a longer tail) refuses to open. After a restart of the machine
 *       (the head was signed under another boot id and the sink was not closed cleanly) the head on disk may lag
 *       by up to {@link JsonlAuditSink#HEAD_LAG_RECORDS} forced records plus one batch (decision 0047), and up to
 *       that many are adopted the same way;
 *   <li>a cut-off last line refuses to open with its line number, or with {@code repairTornTail} is moved aside and
 *       the file truncated to its last complete record, with an audit record per tenant;
 *   <li>a file with records but no head file refuses to open, or with {@code adoptUnsigned} is signed as it is, with
 *       an audit record per tenant;
 *   <li>a head whose signature fails (altered, torn by a power loss, or signed with another key) refuses to open:
 *       the record chain is unkeyed, so nothing in the file can vouch for it (decision 0066, item 6).
 * </ul>
 * The head is checked before anything is changed, so a refused file is left exactly as found.
 */
final class JsonlOpenCheck {
    private static final System.Logger LOG = System.getLogger(JsonlAuditSink.class.getName());

    /** An audit record the sink writes about a recovery once it is open. */
    record Notice(String tenant, String reason) {}

    private JsonlOpenCheck() {}

    static List<Notice> run(Path file, JsonlFileScan scan, JsonlHeadFile head, JsonlAuditOptions options,
            String boot) {
        List<Notice> notices = new ArrayList<>();
        if (head != null) {
            checkHead(file, scan, head, options, notices, boot);
        }
        if (scan.torn != null) {
            notices.addAll(repairTornTail(file, scan, head != null, options));
        }
        return notices;
    }

    private static void checkHead(Path file, JsonlFileScan scan, JsonlHeadFile head, JsonlAuditOptions options,
            List<Notice> notices, String boot) {
        Optional<JsonlHeadFile.Signed> stored = head.read();
        if (stored.isEmpty()) {
            if (scan.records == 0) {
                return;
            }
            if (!options.adoptUnsigned()) {
                throw new AuditFileException(WardenCodes.AUDIT_HEAD_UNSIGNED, "audit file " + file + " has "
                        + scan.records + " records but no signed head " + head.path() + " (deleted, or the file was"
                        + " written before head signing was configured). If the file is trusted, start once with"
                        + " warden.audit.jsonl.adopt-unsigned=true: its heads are signed as they are, and an audit"
                        + " record per tenant says so.", null);
            }
            for (String tenant : new TreeSet<>(scan.heads.keySet())) {
                notices.add(new Notice(tenant, "unsigned audit trail adopted at start: records 1.."
                        + scan.heads.get(tenant).seq() + " had no signed head and are signed as found"
                        + " (warden.audit.jsonl.adopt-unsigned)"));
            }
            return;
        }
        JsonlHeadFile.Signed signed = stored.get();
        if (!head.authentic(signed)) {
            throw new AuditFileException(WardenCodes.AUDIT_HEAD_MISMATCH, "the signature of " + head.path()
                    + " does not match its heads: the head file was altered, a sector of it was torn by a power loss,"
                    + " or the configured head key is not the one that signed it. Keep both files for investigation.",
                    null);
        }
        String difference = difference(scan.heads, signed.heads());
        if (difference == null) {
            return;
        }
        List<Notice> adopted = unacknowledgedTail(scan, signed.heads(), adoptable(signed, boot));
        if (adopted == null) {
            throw new AuditFileException(WardenCodes.AUDIT_HEAD_MISMATCH, "audit file " + file + " does not end at"
                    + " its signed head: " + difference + " (records cut, rewritten or added while the service was"
                    + " stopped). Keep " + file + " and " + head.path() + " for investigation and start on a new"
                    + " audit file.", null);
        }
        notices.addAll(adopted);
    }

    /**
     * How many unsigned trailing records a crash can explain. One batch, unless the head was signed in an earlier
     * boot of the machine and not by a clean close: then the machine went down with the sink open, and heads written
     * since the last forced one (at most {@link JsonlAuditSink#HEAD_LAG_RECORDS} records, plus the batch in flight)
     * may have been lost with the page cache.
     */
    static int adoptable(JsonlHeadFile.Signed signed, String boot) {
        boolean sameBoot = signed.boot() == null || JsonlHeadFile.CLOSED.equals(signed.boot())
                || signed.boot().equals(boot);
        return sameBoot ? JsonlAuditSink.MAX_BATCH : JsonlAuditSink.HEAD_LAG_RECORDS + JsonlAuditSink.MAX_BATCH;
    }

    /** The first tenant whose last record differs from its signed head, described; {@code null} if none. */
    static String difference(Map<String, HashChain.Head> actual, Map<String, HashChain.Head> signed) {
        TreeSet<String> tenants = new TreeSet<>(actual.keySet());
        tenants.addAll(signed.keySet());
        for (String tenant : tenants) {
            HashChain.Head a = actual.getOrDefault(tenant, new HashChain.Head(0, HashChain.GENESIS));
            HashChain.Head s = signed.getOrDefault(tenant, new HashChain.Head(0, HashChain.GENESIS));
            if (a.seq() != s.seq() || !a.hash().equals(s.hash())) {
                return "tenant '" + tenant + "' ends at seq " + a.seq() + ", signed head is seq " + s.seq()
                        + (a.seq() == s.seq() ? " with another hash" : "");
            }
        }
        return null;
    }

    /**
     * The crash window: the file's trailing records past their tenants' signed heads (one unsigned batch), each
     * linked to the one before it in its tenant's chain, the first to the signed head; with them set aside every
     * tenant ends exactly at its signed head. One notice per tenant, or {@code null} if the file is not in that state.
     */
    private static List<Notice> unacknowledgedTail(JsonlFileScan scan, Map<String, HashChain.Head> signed,
            int adoptable) {
        List<JsonlFileScan.LastRecord> unsigned = new ArrayList<>();
        var back = scan.tail.descendingIterator();
        while (back.hasNext()) {
            JsonlFileScan.LastRecord r = back.next();
            if (r.seq() <= signed.getOrDefault(r.tenant(), new HashChain.Head(0, HashChain.GENESIS)).seq()) {
                break;
            }
            unsigned.add(0, r);
        }
        if (unsigned.isEmpty() || unsigned.size() > adoptable) {
            return null;
        }
        Map<String, HashChain.Head> linkedTo = new java.util.HashMap<>(signed);
        Map<String, long[]> range = new java.util.TreeMap<>();
        for (JsonlFileScan.LastRecord r : unsigned) {
            HashChain.Head before = linkedTo.getOrDefault(r.tenant(), new HashChain.Head(0, HashChain.GENESIS));
            if (r.seq() != before.seq() + 1 || !r.prevHash().equals(before.hash())) {
                return null;
            }
            linkedTo.put(r.tenant(), new HashChain.Head(r.seq(), r.hash()));
            range.computeIfAbsent(r.tenant(), t -> new long[] {r.seq(), r.line(), 0, 0});
            range.get(r.tenant())[2] = r.seq();
            range.get(r.tenant())[3] = r.line();
        }
        if (difference(scan.heads, linkedTo) != null) {
            return null; // the file's heads are not exactly the signed heads continued by the unsigned batch
        }
        List<Notice> notices = new ArrayList<>();
        range.forEach((tenant, r) -> {
            String records = r[0] == r[2] ? "record seq " + r[0] + " (line " + r[1] + ") was"
                    : "records seq " + r[0] + ".." + r[2] + " (lines " + r[1] + ".." + r[3] + ") were";
            LOG.log(Level.WARNING, "audit " + records + " of tenant '" + tenant + "' written but not signed before"
                    + " the process stopped; adopted");
            notices.add(new Notice(tenant, records + " written but their appends were not acknowledged before the"
                    + " process stopped (crash between the records and their signed head): their decisions were not"
                    + " acted on; adopted into the signed chain at start"));
        });
        return notices;
    }

    private static List<Notice> repairTornTail(Path file, JsonlFileScan scan, boolean signed,
            JsonlAuditOptions options) {
        JsonlFileScan.TornLine torn = scan.torn;
        String what = "line " + torn.line() + " is cut off (" + torn.bytes() + " bytes after the last line end:"
                + " an append interrupted by a crash or a full disk"
                + (signed ? ", never acknowledged since the signed head ends before it" : "") + ")";
        if (!options.repairTornTail()) {
            throw new AuditFileException(WardenCodes.AUDIT_TORN_TAIL, "audit file " + file + ": " + what
                    + ". Recovery: start once with warden.audit.jsonl.repair-torn-tail=true — the cut-off bytes are"
                    + " moved to " + file.getFileName() + ".torn-<millis>, the file is truncated to its last complete"
                    + " record (line " + (torn.line() - 1) + ") and an audit record says so.", null);
        }
        Path saved = file.resolveSibling(file.getFileName() + ".torn-" + System.currentTimeMillis());
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileChannel out = FileChannel.open(saved, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(torn.bytes(), Integer.MAX_VALUE - 8));
            while (buf.hasRemaining() && in.read(buf, torn.offset() + buf.position()) > 0) {
                // read the whole cut-off tail
            }
            buf.flip();
            while (buf.hasRemaining()) {
                out.write(buf);
            }
            out.force(true);
            in.truncate(torn.offset());
            in.force(true);
        } catch (IOException e) {
            throw new AuditFileException(WardenCodes.AUDIT_TORN_TAIL, "audit file " + file + ": " + what
                    + "; repairing it failed: " + e.getMessage(), e);
        }
        LOG.log(Level.WARNING, "audit file " + file + ": " + what + "; moved to " + saved + " and truncated");
        List<Notice> notices = new ArrayList<>();
        TreeSet<String> tenants = new TreeSet<>(scan.heads.keySet());
        if (tenants.isEmpty()) {
            tenants.add("default");
        }
        for (String tenant : tenants) {
            notices.add(new Notice(tenant, "audit file repaired at start: " + what + "; the bytes were moved to "
                    + saved.getFileName() + " and the file truncated to its last complete record (line "
                    + (torn.line() - 1) + ") (warden.audit.jsonl.repair-torn-tail)"));
        }
        return notices;
    }
}
