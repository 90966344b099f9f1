package dev.warden.e2e.faults;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Finds PEM private keys in a packaged Quarkus application: its own jars, Warden's jars and loose files. */
final class PackagedKeys {
    private static final String MARKER = "PRIVATE KEY-----";

    private PackagedKeys() {}

    static List<String> privateKeysIn(Path quarkusApp) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(quarkusApp)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                boolean ours = !f.toString().contains("/lib/main/") || name.startsWith("dev.warden.");
                if (name.endsWith(".jar") && ours) {
                    scanJar(f, found);
                } else if (!name.endsWith(".jar") && contains(Files.readAllBytes(f))) {
                    found.add(f.toString());
                }
            }
        }
        return found;
    }

    private static void scanJar(Path jar, List<String> found) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory() || e.getName().endsWith(".class")) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(e)) {
                    if (contains(in.readAllBytes())) {
                        found.add(jar.getFileName() + "!" + e.getName());
                    }
                }
            }
        }
    }

    private static boolean contains(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1).contains(MARKER);
    }
}
