package dev.warden.delegation.token;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ReplayStore} in a file, for embedded (single-node) services: a used token stays used across restarts, and
 * processes sharing the file (replicas on one volume) share it.
 *
 * <h2>Format and safety</h2>
 * A header line with a random generation id (new at every rewrite, so other processes notice one), then one line per
 * claimed id, {@code <expiry epoch ms> <base64url(jti)>}, appended and forced to disk before
 * {@link Claim#FIRST_USE} is returned. Every claim holds an exclusive lock on {@code <file>.lock} (between processes)
 * and a per-file monitor (between threads and store instances of this JVM, which Java file locks do not separate),
 * then reads whatever other processes appended since its last claim. A torn last line (a crash during an append, never
 * acknowledged) is cut off; any other unreadable line makes every claim fail ({@link ReplayStoreException}: refused,
 * fail closed) until an operator removes the file.
 *
 * <h2>Bounds</h2>
 * At most {@code capacity} live ids ({@link Claim#FULL} beyond); expired lines are dropped by rewriting the file (to a
 * temporary file, then an atomic rename) once they outnumber the live ones, so the file holds at most about
 * {@code 2 × max(capacity, 1024)} lines.
 *
 * <pre>{@code
 * ReplayStore replay = new FileReplayStore(Path.of("warden-audit/delegation-replay.log"), clock, 10_000);
 * }</pre>
 */
public final class FileReplayStore implements ReplayStore {
    private static final Map<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final int MIN_COMPACT_LINES = 1024;
    private static final String HEADER_PREFIX = "#warden-delegation-replay/v1 ";
    private static final int HEADER_LENGTH = HEADER_PREFIX.length() + 36 + 1; // prefix, UUID, newline

    private final Path file;
    private final Path lockFile;
    private final Clock clock;
    private final int capacity;
    private final Object monitor;
    // what this instance has read of the file; guarded by monitor
    private final Map<String, Instant> live = new HashMap<>();
    private String generation; // random id in the header, new at every rewrite
    private long offset;
    private long lines;

    public FileReplayStore(Path file, Clock clock, int capacity) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
        this.lockFile = this.file.resolveSibling(this.file.getFileName() + ".lock");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.monitor = JVM_LOCKS.computeIfAbsent(this.file, p -> new Object());
        try {
            Files.createDirectories(this.file.getParent());
        } catch (IOException e) {
            throw new IllegalArgumentException("replay store directory " + this.file.getParent()
                    + " cannot be created: " + e.getMessage(), e);
        }
    }

    @Override
    public Claim claim(String jti, Instant expiresAt) {
        synchronized (monitor) {
            try (FileChannel lock = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = lock.lock()) {
                catchUp();
                Instant now = clock.instant();
                live.values().removeIf(exp -> !exp.isAfter(now));
                if (live.containsKey(jti)) {
                    return Claim.REPLAYED;
                }
                if (live.size() >= capacity) {
                    return Claim.FULL;
                }
                append(jti, expiresAt);
                live.put(jti, expiresAt);
                if (lines >= MIN_COMPACT_LINES && lines > 2L * live.size()) {
                    compact();
                }
                return Claim.FIRST_USE;
            } catch (IOException | RuntimeException e) {
                reset(null, 0); // forget what was read: the next claim starts from the file again
                throw e instanceof ReplayStoreException r ? r : new ReplayStoreException("replay store " + file
                        + " unavailable: " + e.getMessage(), e);
            }
        }
    }

    /** Live ids as last read (tests and diagnostics). */
    public int size() {
        synchronized (monitor) {
            return live.size();
        }
    }

    /** Reads what was appended since this instance last looked; starts over if the file was replaced. */
    private void catchUp() throws IOException {
        long size = Files.exists(file) ? Files.size(file) : 0;
        if (size < HEADER_LENGTH) { // absent, or a torn first write
            if (size > 0) {
                truncate(0);
            }
            reset(null, 0);
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            String header = new String(read(ch, 0, HEADER_LENGTH), StandardCharsets.US_ASCII);
            if (!header.startsWith(HEADER_PREFIX) || !header.endsWith("\n")) {
                throw new ReplayStoreException("replay store " + file + " is not a Warden replay file; refusing "
                        + "every token until it is removed", null);
            }
            String found = header.substring(HEADER_PREFIX.length(), HEADER_LENGTH - 1);
            if (!found.equals(generation) || size < offset) { // rewritten by another process
                reset(found, HEADER_LENGTH);
            }
            if (size == offset) {
                return;
            }
            byte[] tail = read(ch, offset, Math.toIntExact(size - offset));
            int start = 0;
            for (int i = 0; i < tail.length; i++) {
                if (tail[i] == '\n') {
                    parse(new String(tail, start, i - start, StandardCharsets.US_ASCII));
                    start = i + 1;
                }
            }
            offset += start;
            if (start < tail.length) { // a torn append: never acknowledged, so cut it off
                truncate(offset);
            }
        }
    }

    private void reset(String newGeneration, long newOffset) {
        live.clear();
        generation = newGeneration;
        offset = newOffset;
        lines = 0;
    }

    private static byte[] read(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining() && ch.read(buf, position + buf.position()) >= 0) {
            // until the buffer is full or the file ends
        }
        return buf.array();
    }

    private void truncate(long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
            ch.force(true);
        }
    }

    private void parse(String line) {
        lines++;
        int space = line.indexOf(' ');
        try {
            Instant exp = Instant.ofEpochMilli(Long.parseLong(line.substring(0, space)));
            String jti = new String(Base64.getUrlDecoder().decode(line.substring(space + 1)), StandardCharsets.UTF_8);
            live.merge(jti, exp, (a, b) -> a.isAfter(b) ? a : b);
        } catch (RuntimeException e) {
            throw new ReplayStoreException("replay store " + file + " line " + (lines + 1) + " is unreadable; refusing "
                    + "every token until the file is repaired or removed (removing it forgets the used ids of "
                    + "unexpired tokens)", e);
        }
    }

    private void append(String jti, Instant expiresAt) throws IOException {
        byte[] line = line(jti, expiresAt);
        String newGeneration = generation == null ? UUID.randomUUID().toString() : null;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            if (newGeneration != null) {
                write(ch, header(newGeneration));
            }
            write(ch, line);
            ch.force(true);
        }
        if (newGeneration != null) {
            reset(newGeneration, HEADER_LENGTH);
        }
        offset += line.length;
        lines++;
    }

    private void compact() throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        String newGeneration = UUID.randomUUID().toString();
        long size = HEADER_LENGTH;
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            write(ch, header(newGeneration));
            for (Map.Entry<String, Instant> e : live.entrySet()) {
                size += write(ch, line(e.getKey(), e.getValue()));
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(tmp); // keep the longer file rather than risk a half-replaced one
            return;
        }
        generation = newGeneration;
        offset = size;
        lines = live.size();
    }

    private static int write(FileChannel ch, byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        return bytes.length;
    }

    private static byte[] header(String generation) {
        return (HEADER_PREFIX + generation + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] line(String jti, Instant expiresAt) {
        return (expiresAt.toEpochMilli() + " " + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(jti.getBytes(StandardCharsets.UTF_8)) + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
