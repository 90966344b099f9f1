package dev.warden.policy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Policy expressions parsed and type-checked ahead of time, e.g. by the Quarkus extension when the application is
 * built ({@link PolicyEngine#precompile}), so that loading the same documents later skips CEL's parser and checker
 * (decision 0059).
 *
 * <p>A form is used only for a document whose text has exactly the recorded SHA-256 digest, and only for an
 * expression compiled in an environment with exactly the recorded fingerprint (CEL release, options, every variable,
 * function and macro declaration, including the rule's plane vocabulary). Anything else, a changed file, a plugin
 * plane with its own vocabulary or a form that does not decode, is compiled as without this object, with the same
 * file/line/rule errors. Only expressions that compiled are recorded: errors always come from the compiler.
 *
 * <p>The forms are as trusted as the application's classes: they ship in the same jar. The written form ends with a
 * SHA-256 of everything before it, so a resource damaged on the way (a bad copy, a bit flip) is detected and ignored
 * rather than decoded into other expressions (decision 0066). Immutable and thread-safe.
 *
 * <pre>{@code
 * PrecompiledPolicies forms = PolicyEngine.builder().build().precompile(sources);   // at build time
 * PolicyEngine engine = PolicyEngine.builder().precompiled(forms).build();           // at run time
 * }</pre>
 */
public final class PrecompiledPolicies {
    private static final int MAGIC = 0x57504332; // "WPC2": "WPC1" had no checksum
    private static final int CHECKSUM_BYTES = 32;
    /** Larger resources are not read (the forms of the largest policy sets are a few hundred KiB). */
    private static final int MAX_BYTES = 64 * 1024 * 1024;
    private static final PrecompiledPolicies NONE = new PrecompiledPolicies(Map.of());

    private final Map<String, Map<String, byte[]>> byDigest;

    private PrecompiledPolicies(Map<String, Map<String, byte[]>> byDigest) {
        Map<String, Map<String, byte[]>> copy = new LinkedHashMap<>();
        byDigest.forEach((d, forms) -> copy.put(d, Map.copyOf(forms)));
        this.byDigest = Map.copyOf(copy);
    }

    /** Nothing precompiled: every expression is compiled at load. */
    public static PrecompiledPolicies none() {
        return NONE;
    }

    static PrecompiledPolicies of(Map<String, Map<String, byte[]>> byDigest) {
        return byDigest.isEmpty() ? NONE : new PrecompiledPolicies(byDigest);
    }

    /**
     * Reads what {@link #write} wrote; throws {@link IOException} on anything else, including a file whose checksum
     * does not match its content (the caller compiles instead).
     */
    public static PrecompiledPolicies read(InputStream in) throws IOException {
        byte[] all = in.readNBytes(MAX_BYTES + 1);
        if (all.length > MAX_BYTES || all.length < 4 + CHECKSUM_BYTES) {
            throw new IOException("not a Warden precompiled-policies file (size " + all.length + ")");
        }
        int end = all.length - CHECKSUM_BYTES;
        if (!MessageDigest.isEqual(sha256(all, end), java.util.Arrays.copyOfRange(all, end, all.length))) {
            throw new IOException("corrupt precompiled-policies file: its checksum does not match");
        }
        DataInputStream d = new DataInputStream(new java.io.ByteArrayInputStream(all, 0, end));
        if (d.readInt() != MAGIC) {
            throw new IOException("not a Warden precompiled-policies file");
        }
        Map<String, Map<String, byte[]>> byDigest = new LinkedHashMap<>();
        int documents = d.readInt();
        for (int i = 0; i < documents; i++) {
            String digest = d.readUTF();
            int n = d.readInt();
            Map<String, byte[]> forms = new LinkedHashMap<>();
            for (int k = 0; k < n; k++) {
                String key = new String(d.readNBytes(length(d)), StandardCharsets.UTF_8);
                forms.put(key, d.readNBytes(length(d)));
            }
            byDigest.put(digest, forms);
        }
        if (d.available() != 0) {
            throw new IOException("corrupt precompiled-policies file: trailing bytes");
        }
        return of(byDigest);
    }

    private static int length(DataInputStream d) throws IOException {
        int n = d.readInt();
        if (n < 0 || n > PolicySource.MAX_CHARS * 8) {
            throw new IOException("corrupt precompiled-policies file");
        }
        return n;
    }

    /** Writes the forms in a format {@link #read} accepts (not meant for other readers), checksum last. */
    public void write(OutputStream out) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bytes);
        d.writeInt(MAGIC);
        d.writeInt(byDigest.size());
        for (Map.Entry<String, Map<String, byte[]>> doc : new java.util.TreeMap<>(byDigest).entrySet()) {
            d.writeUTF(doc.getKey());
            d.writeInt(doc.getValue().size());
            for (Map.Entry<String, byte[]> f : new java.util.TreeMap<>(doc.getValue()).entrySet()) {
                byte[] key = f.getKey().getBytes(StandardCharsets.UTF_8);
                d.writeInt(key.length);
                d.write(key);
                d.writeInt(f.getValue().length);
                d.write(f.getValue());
            }
        }
        d.flush();
        byte[] body = bytes.toByteArray();
        out.write(body);
        out.write(sha256(body, body.length));
        out.flush();
    }

    private static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(bytes, 0, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JVM has SHA-256
        }
    }

    /** How many expression forms are held, over all documents. */
    public int expressions() {
        return byDigest.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * The forms recorded for a document with exactly this text, by the engine's expression key; empty when none. Used
     * by the engine.
     */
    public Map<String, byte[]> forText(String documentText) {
        return byDigest.isEmpty() ? Map.of()
                : byDigest.getOrDefault(dev.warden.core.audit.CanonicalJson.sha256Hex(documentText), Map.of());
    }
}
