package dev.warden.dataflow.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail addresses: a dot-atom local part (Unicode letters allowed, RFC 6531), a domain of valid labels and an alphabetic top-level domain. Rejects
 * addresses without a TLD ({@code root@localhost}), doubled dots and labels that start or end with a hyphen.
 */
public final class EmailDetector implements Detector {
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\p{L}\\p{N}._%+-])([\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*)"
                    + "@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+([A-Za-z]{2,24}))(?![A-Za-z0-9-])");

    @Override
    public String name() {
        return "email";
    }

    @Override
    public Set<String> kinds() {
        return Set.of(SensitiveKinds.EMAIL);
    }

    @Override
    public List<Finding> detect(CharSequence text) {
        List<Finding> out = new ArrayList<>();
        Matcher m = EMAIL.matcher(text);
        while (m.find()) {
            if (m.group(1).length() > 64 || m.group(2).length() > 253) {
                continue;
            }
            out.add(new Finding(SensitiveKinds.EMAIL, m.start(), m.end() - m.start(), 0.95));
        }
        return out;
    }
}
