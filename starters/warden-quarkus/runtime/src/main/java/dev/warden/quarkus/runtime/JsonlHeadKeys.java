package dev.warden.quarkus.runtime;

import dev.warden.core.WardenCodes;
import dev.warden.core.audit.AuditFileException;
import dev.warden.core.audit.ChainHeadMac;
import dev.warden.core.audit.JsonlAuditOptions;
import dev.warden.core.audit.JsonlAuditSink;
import dev.warden.quarkus.WardenConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Where the JSONL trail's head key comes from: {@code warden.audit.jsonl.head-key}, else
 * {@code warden.audit.jsonl.head-key-file}, else — outside the prod profile only — a demo key generated once into
 * {@code head.key} beside the trail (owner-only permissions). The prod profile refuses to start without a configured
 * key: a key stored next to the trail it protects does not stop someone who can write that directory.
 */
final class JsonlHeadKeys {
    private static final Logger LOG = Logger.getLogger(JsonlHeadKeys.class);
    static final String DEMO_KEY_FILE = "head.key";

    private JsonlHeadKeys() {}

    static JsonlAuditSink open(WardenConfig.Audit audit, List<String> profiles) {
        Path trail = Path.of(audit.jsonlPath());
        JsonlAuditOptions options = JsonlAuditOptions.signed(audit.jsonlFsync(), key(audit, trail, profiles))
                .withRepairTornTail(audit.jsonlRepairTornTail()).withAdoptUnsigned(audit.jsonlAdoptUnsigned())
                .withForceEveryHead(audit.jsonlForceEveryHead())
                .withCommitDelay(audit.jsonlCommitDelay().orElse(null));
        return new JsonlAuditSink(trail, options);
    }

    static byte[] key(WardenConfig.Audit audit, Path trail, List<String> profiles) {
        if (audit.jsonlHeadKey().filter(k -> !k.isBlank()).isPresent()) {
            return decode(audit.jsonlHeadKey().get(), "warden.audit.jsonl.head-key");
        }
        if (audit.jsonlHeadKeyFile().filter(k -> !k.isBlank()).isPresent()) {
            Path file = Path.of(audit.jsonlHeadKeyFile().get());
            try {
                return decode(Files.readString(file, StandardCharsets.US_ASCII), "warden.audit.jsonl.head-key-file "
                        + file);
            } catch (IOException e) {
                throw fail("warden.audit.jsonl.head-key-file " + file + " cannot be read: " + e.getMessage());
            }
        }
        if (profiles.contains("prod")) {
            throw fail("no key signs the JSONL audit head: set warden.audit.jsonl.head-key (environment:"
                    + " WARDEN_AUDIT_JSONL_HEAD_KEY, base64, e.g. `openssl rand -base64 32`) or"
                    + " warden.audit.jsonl.head-key-file. The prod profile does not generate one.");
        }
        return demoKey(trail.toAbsolutePath().getParent().resolve(DEMO_KEY_FILE));
    }

    private static byte[] demoKey(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(file.getParent());
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                            "rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(file);
                } catch (FileAlreadyExistsException raced) {
                    return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
                }
                Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
                LOG.warnf("generated a demo-only JSONL audit head key in %s (not in the prod profile, which needs"
                        + " warden.audit.jsonl.head-key): it catches edits of the trail, not someone who can also"
                        + " read this file", file);
                return key;
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } catch (IOException e) {
            throw fail("cannot create the demo audit head key " + file + ": " + e.getMessage());
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw fail(source + " is not valid base64");
        }
        if (key.length < ChainHeadMac.MIN_KEY_BYTES) {
            throw fail(source + " must decode to at least " + ChainHeadMac.MIN_KEY_BYTES + " bytes");
        }
        return key;
    }

    private static AuditFileException fail(String message) {
        return new AuditFileException(WardenCodes.AUDIT_HEAD_KEY, message, null);
    }
}
