package dev.warden.core.agent;

import dev.warden.spi.SuspendedRunStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Suspended runs as files beside the embedded JSONL audit, so approvals survive a restart without a database: one
 * {@code <approvalId>.pending.json} per waiting run, written to a temporary file, forced to disk and renamed into
 * place. {@link #claim} renames it to {@code .claimed.json} atomically — the file system lets exactly one rename win,
 * whether the racers are threads or processes sharing the directory — and the claimed file stays as the record that
 * the approval was resolved.
 *
 * <p>A file that does not parse is an error, never skipped: silently dropping a pending approval would turn it into
 * neither an approval nor a denial. Suitable for one node or a shared POSIX volume; PostgreSQL is the production
 * store for replicas.
 *
 * <pre>{@code
 * SuspendedRunStore store = new FileSuspendedRunStore(Path.of("warden-audit/approvals"));
 * }</pre>
 */
public final class FileSuspendedRunStore implements SuspendedRunStore {
    private static final String PENDING = ".pending.json";
    private static final String CLAIMED = ".claimed.json";
    /** Approval ids become file names: nothing that could leave the directory or hide a file. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path dir;

    public FileSuspendedRunStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create approval directory " + dir, e);
        }
    }

    @Override
    public void save(SuspendedRun run) {
        String id = run.approval().approvalId();
        requireSafe(id);
        Path tmp = dir.resolve(id + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(run.toJson().getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            move(tmp, dir.resolve(id + PENDING), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist approval " + id, e);
        }
    }

    @Override
    public Optional<SuspendedRun> find(String approvalId) {
        if (!safe(approvalId)) {
            return Optional.empty();
        }
        return read(dir.resolve(approvalId + PENDING));
    }

    @Override
    public Optional<SuspendedRun> claim(String approvalId) {
        if (!safe(approvalId)) {
            return Optional.empty();
        }
        Path claimed = dir.resolve(approvalId + CLAIMED);
        try {
            move(dir.resolve(approvalId + PENDING), claimed, false);
        } catch (NoSuchFileException | FileAlreadyExistsException lost) {
            return Optional.empty(); // someone else claimed it, or it never existed
        } catch (IOException e) {
            throw new UncheckedIOException("cannot claim approval " + approvalId, e);
        }
        return read(claimed);
    }

    @Override
    public boolean isResolved(String approvalId) {
        return safe(approvalId) && Files.exists(dir.resolve(approvalId + CLAIMED));
    }

    @Override
    public boolean isResolved(String approvalId, String tenant) {
        return safe(approvalId) && read(dir.resolve(approvalId + CLAIMED))
                .filter(r -> java.util.Objects.equals(r.approval().tenant(), tenant)).isPresent();
    }

    @Override
    public List<PendingApproval> pending(String tenant) {
        List<PendingApproval> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + PENDING)) {
            for (Path f : files) {
                read(f).map(SuspendedRun::approval)
                        .filter(a -> tenant == null || tenant.equals(a.tenant()))
                        .ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list approvals in " + dir, e);
        }
        out.sort(Comparator.comparing(PendingApproval::requestedAt));
        return out;
    }

    private static Optional<SuspendedRun> read(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read approval " + file, e);
        }
        try {
            return Optional.of(SuspendedRun.fromJson(json));
        } catch (RuntimeException e) {
            throw new IllegalStateException("approval file " + file + " is corrupt: " + e.getMessage(), e);
        }
    }

    /** Atomic rename; {@code replace=false} fails if the target exists, so only one claimer can win. */
    private static void move(Path from, Path to, boolean replace) throws IOException {
        try {
            if (replace) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // link-then-delete: creating the hard link fails if the target exists, on every POSIX file system
                Files.createLink(to, from);
                Files.delete(from);
            }
        } catch (AtomicMoveNotSupportedException | UnsupportedOperationException e) {
            throw new IOException("the approval directory needs a file system with atomic renames and links", e);
        }
    }

    private static boolean safe(String id) {
        return id != null && SAFE_ID.matcher(id).matches();
    }

    private static void requireSafe(String id) {
        if (!safe(id)) {
            throw new IllegalArgumentException("approval id not usable as a file name: " + id);
        }
    }
}
