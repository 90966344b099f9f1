package dev.warden.guide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files a documentation page defines: every fenced code block whose info string names a file,
 * {@code ```java file=src/main/java/App.java}. Other code blocks (shell sessions, fragments) are prose.
 */
record GuidePage(Map<String, String> files) {
    private static final Pattern OPENING = Pattern.compile("^```\\S*\\s+file=(\\S+)\\s*$");

    static GuidePage read(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page);
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = OPENING.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            String name = m.group(1);
            if (name.startsWith("/") || name.contains("..")) {
                throw new IllegalArgumentException(page + ":" + (i + 1) + ": file path must stay inside the project: "
                        + name);
            }
            StringBuilder body = new StringBuilder();
            int j = i + 1;
            for (; j < lines.size() && !lines.get(j).startsWith("```"); j++) {
                body.append(lines.get(j)).append('\n');
            }
            if (j == lines.size()) {
                throw new IllegalArgumentException(page + ":" + (i + 1) + ": code block for " + name + " never closes");
            }
            if (files.put(name, body.toString()) != null) {
                throw new IllegalArgumentException(page + ":" + (i + 1) + ": " + name + " is defined twice");
            }
            i = j;
        }
        return new GuidePage(Map.copyOf(files));
    }

    /** Writes the files under {@code root}. */
    void writeTo(Path root) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path target = root.resolve(f.getKey()).normalize();
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue());
        }
    }
}
