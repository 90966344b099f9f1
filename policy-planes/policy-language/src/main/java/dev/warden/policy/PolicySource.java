package dev.warden.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The text of one policy document and where it came from. The {@code id} identifies the document across reloads: a
 * newer source with the same id replaces the older one.
 *
 * @param id file path, {@code classpath:} resource or URL
 * @param text the YAML text (one or more {@code ---}-separated {@code PolicySet} documents)
 */
public record PolicySource(String id, String text) {
    /** Documents larger than this are rejected before parsing. */
    public static final int MAX_CHARS = 1 << 20;

    public PolicySource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }

    /** Reads a file. */
    public static PolicySource file(Path path) {
        try {
            return new PolicySource(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy file " + path, e);
        }
    }

    /** Reads a resource from the thread context class loader (or this class's loader). */
    public static PolicySource classpath(String resource) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        cl = cl == null ? PolicySource.class.getClassLoader() : cl;
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        try (InputStream in = cl.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("policy resource not found on the classpath: " + name);
            }
            return new PolicySource("classpath:" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy resource " + name, e);
        }
    }

    /** Fetches a URL (file:, http:, https:, jar:). Do this at boot, never on an event-loop thread. */
    public static PolicySource url(URI uri) {
        try (InputStream in = uri.toURL().openStream()) {
            return new PolicySource(uri.toString(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch policy " + uri, e);
        }
    }

    /** Reads a list of URLs, in order. */
    public static List<PolicySource> urls(List<URI> uris) {
        List<PolicySource> out = new ArrayList<>();
        uris.forEach(u -> out.add(url(u)));
        return out;
    }

    /** Reads every {@code *.yaml} / {@code *.yml} file directly in {@code dir}, sorted by name. */
    public static List<PolicySource> directory(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(PolicySource::isPolicyFile).sorted().map(PolicySource::file).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list policy directory " + dir, e);
        }
    }

    static boolean isPolicyFile(Path p) {
        String n = p.getFileName().toString();
        return Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml"));
    }
}
