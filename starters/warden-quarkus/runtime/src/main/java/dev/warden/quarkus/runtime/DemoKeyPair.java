package dev.warden.quarkus.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * The demo-only RSA key pair that non-prod profiles mint and verify development tokens with: generated (JDK
 * {@link KeyPairGenerator}, 2048 bits) the first time a service starts with development tokens enabled, written as
 * {@value #PUBLIC_FILE} / {@value #PRIVATE_FILE} into the configured directory and reused by every later start (and by
 * every process sharing the directory, so replicas accept each other's tokens). Nothing is ever packaged: the files
 * exist only where a demo ran. Their {@code demo-only-} names are what the prod profile refuses to trust
 * ({@link VerificationKeyCheck}).
 */
public final class DemoKeyPair {
    /** File name prefix of demo-only keys; the prod profile never trusts a key file named so. */
    public static final String PREFIX = "demo-only-";
    public static final String PUBLIC_FILE = PREFIX + "public.pem";
    public static final String PRIVATE_FILE = PREFIX + "private.pem";

    private DemoKeyPair() {}

    /**
     * Creates the pair in {@code directory} unless both files exist. Safe against concurrent first starts (a lock
     * file serialises them; the second process reuses the first one's pair).
     *
     * @return whether a new pair was generated
     */
    public static boolean ensure(Path directory) {
        try {
            Files.createDirectories(directory);
            try (FileChannel lockFile = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                if (Files.isRegularFile(directory.resolve(PUBLIC_FILE))
                        && Files.isRegularFile(directory.resolve(PRIVATE_FILE))) {
                    return false;
                }
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                write(directory, PRIVATE_FILE, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
                write(directory, PUBLIC_FILE, pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
                return true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo key pair in " + directory.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key pair: " + e.getMessage(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void write(Path dir, String name, String content, boolean secret) throws IOException {
        Path tmp = Files.createTempFile(dir, name, ".tmp");
        try {
            if (secret) {
                restrictToOwner(tmp);
            }
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the directory's ACL
        }
    }
}
