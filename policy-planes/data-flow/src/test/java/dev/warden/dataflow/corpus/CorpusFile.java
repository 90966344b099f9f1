package dev.warden.dataflow.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes the corpus as JSON lines under {@code src/test/resources/corpus/detectors.jsonl}. */
final class CorpusFile {
    static final String RESOURCE = "/corpus/detectors.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CorpusFile() {}

    static String render(List<Sample> samples) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Sample s : samples) {
            sb.append(JSON.writeValueAsString(s)).append('\n');
        }
        return sb.toString();
    }

    static List<Sample> load() throws IOException {
        try (InputStream in = CorpusFile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("corpus resource missing: " + RESOURCE);
            }
            List<Sample> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(JSON.readValue(line, Sample.class));
                }
            }
            return out;
        }
    }

    /** Regenerates the checked-in corpus; run from the module directory. */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "src/test/resources/corpus/detectors.jsonl");
        Files.createDirectories(target.getParent());
        Files.writeString(target, render(CorpusGenerator.generate()), StandardCharsets.UTF_8);
        System.out.println("wrote " + target);
    }
}
