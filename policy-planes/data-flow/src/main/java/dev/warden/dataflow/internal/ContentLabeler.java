package dev.warden.dataflow.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.warden.core.Labels;
import dev.warden.dataflow.DataFlowConfig;
import dev.warden.dataflow.detect.Finding;
import dev.warden.dataflow.detect.ScanResult;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Labels content entering the context: the join of the labels it arrived with, the labels of the structured fields it
 * contains and the labels of what the detectors found in it. Content that could not be scanned gets the configured
 * unscanned labels. Labels only ever rise.
 */
public final class ContentLabeler {
    private static final JsonFactory JSON = new JsonFactory();
    static final Pattern URL = Pattern.compile("(?i)\\bhttps?://[^\\s\"'<>()\\[\\]{}]+");

    /**
     * @param labels the resulting labels (never below the labels the content arrived with)
     * @param kinds kinds detected
     * @param fields labelled fields present
     * @param values normalised detected values and URLs, for the provenance ledger
     * @param decoded the text with its backslash escapes decoded, as the detectors also read it; {@code null} when the
     *     text has no escape
     * @param decodedScan the detectors' scan of {@code decoded}; {@code null} when {@code decoded} is {@code null}
     */
    public record Labelled(Labels labels, ScanResult scan, Set<String> kinds, Set<String> fields, Set<String> values,
            String decoded, ScanResult decodedScan) {

        /** What the run's ledger keeps of the content: the text, and its decoded twin when it has escapes. */
        public String seenText(String content) {
            return decoded == null ? content : (content == null ? "" : content) + "\n" + decoded;
        }
    }

    private final DataFlowConfig config;

    public ContentLabeler(DataFlowConfig config) {
        this.config = config;
    }

    public Labelled label(String content, Labels arrivedWith) {
        String text = content == null ? "" : content;
        ScanResult scan = config.detectors().scan(text);
        Labels labels = arrivedWith.join(labelsOf(scan));
        Set<String> values = new TreeSet<>();
        for (Finding f : scan.findings()) {
            values.add(ValueNormalizer.compact(f.valueIn(text)));
        }
        Set<String> kinds = scan.kinds();
        String decoded = null;
        ScanResult second = null;
        if (!scan.binary() && EscapedText.hasEscape(text, scan.scannedChars())) {
            // a model reads "536\\u002d22\\u002d8741" as the SSN it decodes to: the detectors read the decoded text
            // too, and its findings only add to the raw scan's (the labels never fall below it)
            decoded = EscapedText.decodeNested(text, scan.scannedChars());
            second = config.detectors().scan(decoded);
            labels = labels.join(labelsOf(second));
            kinds = new TreeSet<>(kinds);
            kinds.addAll(second.kinds());
            for (Finding f : second.findings()) {
                values.add(ValueNormalizer.compact(f.valueIn(decoded)));
            }
        }
        Set<String> fields = new TreeSet<>();
        if (!scan.binary() && !config.fieldLabels().isEmpty() && JsonText.looksLikeJson(text)) {
            fields = jsonFields(text, scan.scannedChars());
            for (String field : fields) {
                labels = labels.join(config.fieldLabels().get(field));
            }
        }
        if (!scan.binary()) {
            Matcher m = URL.matcher(decoded != null ? decoded
                    : text.length() > scan.scannedChars() ? text.substring(0, scan.scannedChars()) : text);
            while (m.find()) {
                values.add(normalizeUrl(m.group()));
            }
        }
        return new Labelled(labels, scan, kinds, fields, values, decoded, second);
    }

    /**
     * The scan of {@code text}'s decoded twin (its backslash escapes written out, see {@link EscapedText}), or
     * {@code null} when {@code raw} (the scan of {@code text}) was binary or saw no escape: the cheap path, one
     * {@code indexOf}.
     */
    public ScanResult decodedScan(String text, ScanResult raw) {
        if (text == null || raw.binary() || !EscapedText.hasEscape(text, raw.scannedChars())) {
            return null;
        }
        return config.detectors().scan(EscapedText.decodeNested(text, raw.scannedChars()));
    }

    /** {@link #decodedScan(String, ScanResult)} for text not scanned yet: {@code null} when it has no escape. */
    public ScanResult decodedScan(String text) {
        int limit = config.detectors().maxScanChars();
        if (text == null || !EscapedText.hasEscape(text, limit)) {
            return null;
        }
        return config.detectors().scan(EscapedText.decodeNested(text, limit));
    }

    /** Labels implied by a scan: the join of its findings' labels, plus the unscanned labels when incomplete. */
    public Labels labelsOf(ScanResult scan) {
        Labels labels = scan.incomplete() ? config.unscannedLabels() : Labels.PUBLIC;
        for (Finding f : scan.findings()) {
            labels = labels.join(config.labelsOfKind(f.kind().toUpperCase(Locale.ROOT)));
        }
        return labels;
    }

    /** The labels of one finding's kind. */
    public Labels labelsOf(Finding f) {
        return config.labelsOfKind(f.kind().toUpperCase(Locale.ROOT));
    }

    public static String normalizeUrl(String url) {
        String u = ValueNormalizer.compact(url);
        while (!u.isEmpty() && ".,;:!?/".indexOf(u.charAt(u.length() - 1)) >= 0) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }

    /** Configured field names present in the JSON, read with a streaming parser up to {@code limit} characters. */
    private Set<String> jsonFields(String text, int limit) {
        Set<String> found = new TreeSet<>();
        try (JsonParser p = JSON.createParser(text.length() > limit ? text.substring(0, limit) : text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    String name = p.currentName().toLowerCase(Locale.ROOT);
                    if (config.fieldLabels().containsKey(name)) {
                        found.add(name);
                    }
                }
            }
        } catch (IOException e) {
            // not (or truncated) JSON: the fields read so far still count, the detectors cover the rest
        }
        return found;
    }
}
