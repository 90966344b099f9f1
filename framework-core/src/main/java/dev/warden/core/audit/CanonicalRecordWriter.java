package dev.warden.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The canonical JSON of a chained {@link DecisionRecord}, written by hand straight into UTF-8 bytes: the text the
 * chain hashes (without {@code hash}) and the stored line (with it) from one pass, without reflection, without a
 * tree and without a second serialisation (decision 0057). The bytes are exactly {@code
 * CanonicalJson.write(tree).getBytes(UTF_8)} of what the verifier parses back from the line — keys sorted, no
 * whitespace, Jackson's escapes, null record fields omitted (null values inside lists, maps and label entries kept),
 * a lone surrogate written as {@code ?} as {@link String#getBytes} writes it — which a property test checks over
 * generated records. Arguments holding anything but strings, integral numbers, doubles, booleans, nulls, string-keyed
 * maps and collections of those are not written here ({@link #encode} returns {@code null}): the caller takes the
 * tree path, as for JSON trees and {@code BigDecimal}.
 */
final class CanonicalRecordWriter {
    /** The record's members in the order they are written: sorted, as {@code StoredLineSpliceTest} pins. */
    static final List<String> MEMBERS = List.of("agentId", "args", "argsDigest", "chain", "checkpoint", "code",
            "contentDigest", "hash", "labelsAfter", "labelsBefore", "latencyMicros", "outcome", "planes", "policies",
            "prevHash", "reason", "ruleIds", "runId", "seq", "spanId", "step", "tenant", "time", "tool", "toolCallId",
            "traceId", "userId");

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HASH_KEY = "\"hash\":\"".getBytes(StandardCharsets.US_ASCII);

    /** Thrown (without a stack) where a value is not one this writer writes exactly as the tree path does. */
    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static final Unsupported UNSUPPORTED = new Unsupported();

    private byte[] buf = new byte[1024];
    private int len;
    private boolean first;

    /**
     * A record's canonical bytes: {@code bytes} is the text the chain hashes; the stored line puts
     * {@code "hash":"…"} at {@code split}, where the members after {@code hash} begin.
     */
    record Encoded(byte[] bytes, int split, boolean membersBefore) {
        /** SHA-256 of {@code prevHash ‖ bytes}, in hex. */
        String hash(String prevHash, MessageDigest sha) {
            sha.reset();
            sha.update(prevHash.getBytes(StandardCharsets.US_ASCII));
            sha.update(bytes);
            return java.util.HexFormat.of().formatHex(sha.digest());
        }

        /** The stored line: the hashed text with {@code hash} in its sorted place, then {@code newline} or not. */
        byte[] line(String hash, boolean newline) {
            byte[] h = hash.getBytes(StandardCharsets.US_ASCII);
            int extra = HASH_KEY.length + h.length + 2 + (newline ? 1 : 0);
            byte[] out = new byte[bytes.length + extra];
            System.arraycopy(bytes, 0, out, 0, split);
            int at = split;
            if (membersBefore) { // bytes[split] is the comma before the members after hash
                out[at++] = ',';
            }
            System.arraycopy(HASH_KEY, 0, out, at, HASH_KEY.length);
            at += HASH_KEY.length;
            System.arraycopy(h, 0, out, at, h.length);
            at += h.length;
            out[at++] = '"';
            int from = split;
            if (!membersBefore) {
                out[at++] = ',';
            }
            System.arraycopy(bytes, from, out, at, bytes.length - from);
            if (newline) {
                out[out.length - 1] = '\n';
            }
            return out;
        }
    }

    /** The canonical bytes of {@code r} without its hash, or {@code null}: take the tree path. */
    static Encoded encode(DecisionRecord r) {
        CanonicalRecordWriter w = new CanonicalRecordWriter();
        try {
            return w.write(r);
        } catch (Unsupported e) {
            return null;
        }
    }

    private Encoded write(DecisionRecord r) {
        raw('{');
        first = true;
        string("agentId", r.agentId());
        if (r.args() != null) {
            key("args");
            value(r.args());
        }
        string("argsDigest", r.argsDigest());
        strings("chain", r.chain());
        string("checkpoint", r.checkpoint());
        string("code", r.code());
        string("contentDigest", r.contentDigest());
        boolean before = !first;
        int split = len;
        labels("labelsAfter", r.labelsAfter());
        labels("labelsBefore", r.labelsBefore());
        key("latencyMicros");
        number(r.latencyMicros());
        string("outcome", r.outcome());
        planes(r.planes());
        strings("policies", r.policies());
        string("prevHash", r.prevHash());
        string("reason", r.reason());
        strings("ruleIds", r.ruleIds());
        string("runId", r.runId());
        if (r.seq() != null) {
            key("seq");
            number(r.seq());
        }
        string("spanId", r.spanId());
        key("step");
        number(r.step());
        string("tenant", r.tenant());
        string("time", r.time());
        string("tool", r.tool());
        string("toolCallId", r.toolCallId());
        string("traceId", r.traceId());
        string("userId", r.userId());
        raw('}');
        return new Encoded(Arrays.copyOf(buf, len), split, before);
    }

    private void planes(List<DecisionRecord.PlaneEntry> planes) {
        if (planes == null) {
            return;
        }
        key("planes");
        raw('[');
        boolean firstPlane = true;
        for (DecisionRecord.PlaneEntry p : planes) {
            if (!firstPlane) {
                raw(',');
            }
            firstPlane = false;
            if (p == null) {
                literal("null");
                continue;
            }
            raw('{');
            first = true; // PlaneEntry omits null members
            string("code", p.code());
            string("decision", p.decision());
            string("mode", p.mode());
            string("plane", p.plane());
            string("policy", p.policy());
            string("reason", p.reason());
            strings("ruleIds", p.ruleIds());
            raw('}');
        }
        raw(']');
        first = false;
    }

    private void labels(String name, DecisionRecord.LabelsEntry l) {
        if (l == null) {
            return;
        }
        key(name);
        raw('{'); // LabelsEntry writes null members as null
        first = true;
        key("categories");
        value(l.categories());
        key("integrity");
        value(l.integrity());
        key("level");
        value(l.level());
        raw('}');
        first = false;
    }

    private void string(String name, String value) {
        if (value != null) {
            key(name);
            quoted(value);
        }
    }

    private void strings(String name, List<String> values) {
        if (values != null) {
            key(name);
            value(values);
        }
    }

    private void key(String name) {
        if (!first) {
            raw(',');
        }
        first = false;
        quoted(name);
        raw(':');
    }

    private void value(Object v) {
        if (v == null) {
            literal("null");
        } else if (v instanceof String s) {
            quoted(s);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            number(((Number) v).longValue());
        } else if (v instanceof Boolean b) {
            literal(b ? "true" : "false");
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                quoted(d.toString()); // Jackson quotes non-numeric numbers by default
            } else {
                literal(d.toString());
            }
        } else if (v instanceof Map<?, ?> m) {
            map(m);
        } else if (v instanceof Collection<?> c) {
            raw('[');
            boolean firstElement = true;
            for (Object e : c) {
                if (!firstElement) {
                    raw(',');
                }
                firstElement = false;
                value(e);
            }
            raw(']');
        } else {
            throw UNSUPPORTED;
        }
    }

    /**
     * Keys sorted as the verifier sorts them: by the text it reads back, where a lone surrogate is already {@code ?}
     * (a key holding one sorts by that, not by the surrogate; two keys that read back alike are not written here).
     */
    private void map(Map<?, ?> m) {
        String[] keys = new String[m.size()];
        Object[] values = new Object[keys.length];
        int n = 0;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String s) || n == keys.length) { // another key type, or a map changing
                throw UNSUPPORTED;
            }
            keys[n] = s;
            values[n++] = e.getValue();
        }
        if (n != keys.length) {
            throw UNSUPPORTED;
        }
        boolean readBack = false;
        for (int i = 0; i < n; i++) {
            if (hasSurrogate(keys[i])) {
                keys[i] = new String(keys[i].getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
                readBack = true;
            }
        }
        sort(keys, values, n);
        raw('{');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                raw(',');
                if (readBack && keys[i].equals(keys[i - 1])) {
                    throw UNSUPPORTED;
                }
            }
            quoted(keys[i]);
            raw(':');
            value(values[i]);
        }
        raw('}');
        first = false;
    }

    /** Sorts keys, and values with them: by insertion for the few keys arguments usually hold. */
    private static void sort(String[] keys, Object[] values, int n) {
        if (n > 16) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> keys[a].compareTo(keys[b]));
            String[] k = keys.clone();
            Object[] v = values.clone();
            for (int i = 0; i < n; i++) {
                keys[i] = k[order[i]];
                values[i] = v[order[i]];
            }
            return;
        }
        for (int i = 1; i < n; i++) {
            String k = keys[i];
            Object v = values[i];
            int j = i - 1;
            for (; j >= 0 && keys[j].compareTo(k) > 0; j--) {
                keys[j + 1] = keys[j];
                values[j + 1] = values[j];
            }
            keys[j + 1] = k;
            values[j + 1] = v;
        }
    }

    static boolean hasSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private void number(long v) {
        literal(Long.toString(v));
    }

    private void literal(String ascii) {
        ensure(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            buf[len++] = (byte) ascii.charAt(i);
        }
    }

    private void raw(char c) {
        ensure(1);
        buf[len++] = (byte) c;
    }

    /** A JSON string as Jackson writes it (escapes for {@code "}, {@code \} and controls), encoded as UTF-8. */
    private void quoted(String s) {
        ensure(s.length() * 3 + 2);
        buf[len++] = '"';
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            ensure(8); // an escape takes 6 bytes, a supplementary character 4, the closing quote 1
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                buf[len++] = (byte) c;
            } else if (c < 0x80) {
                escape(c);
            } else if (c < 0x800) {
                buf[len++] = (byte) (0xC0 | (c >> 6));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[len++] = (byte) (0xF0 | (cp >> 18));
                buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                buf[len++] = '?'; // what String.getBytes(UTF_8) writes for a lone surrogate
            } else {
                buf[len++] = (byte) (0xE0 | (c >> 12));
                buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        buf[len++] = '"';
    }

    private void escape(char c) {
        ensure(6);
        buf[len++] = '\\';
        switch (c) {
            case '"' -> buf[len++] = '"';
            case '\\' -> buf[len++] = '\\';
            case '\b' -> buf[len++] = 'b';
            case '\t' -> buf[len++] = 't';
            case '\n' -> buf[len++] = 'n';
            case '\f' -> buf[len++] = 'f';
            case '\r' -> buf[len++] = 'r';
            default -> {
                buf[len++] = 'u';
                buf[len++] = '0';
                buf[len++] = '0';
                buf[len++] = HEX[c >> 4];
                buf[len++] = HEX[c & 0xF];
            }
        }
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
