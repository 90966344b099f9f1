package dev.warden.core.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A real file-system failure of the signed head {@code <dir>/decisions.jsonl.head}: while {@link #block}ed, neither a
 * head written in place (the file is a directory) nor one replaced by rename (the temporary file is a directory, and
 * no file can be renamed over a non-empty directory) can be written; {@link #unblock} puts the head back as it was.
 */
public final class HeadWriteFault implements AutoCloseable {
    private final Path head;
    private final Path aside;
    private final Path temp;
    private boolean blocked;

    public HeadWriteFault(Path dir) {
        this.head = dir.resolve("decisions.jsonl.head");
        this.aside = dir.resolve("decisions.jsonl.head.aside");
        this.temp = dir.resolve("decisions.jsonl.head.tmp");
    }

    public HeadWriteFault block() throws IOException {
        Files.move(head, aside, StandardCopyOption.ATOMIC_MOVE);
        for (Path p : new Path[] {head, temp}) {
            Files.createDirectory(p);
            Files.writeString(p.resolve("x"), "x");
        }
        blocked = true;
        return this;
    }

    /** The disk recovered: the head is the one that was there before {@link #block}. */
    public void unblock() throws IOException {
        if (!blocked) {
            return;
        }
        for (Path p : new Path[] {head, temp}) {
            Files.delete(p.resolve("x"));
            Files.delete(p);
        }
        Files.move(aside, head, StandardCopyOption.ATOMIC_MOVE);
        blocked = false;
    }

    @Override
    public void close() throws IOException {
        unblock();
    }
}
