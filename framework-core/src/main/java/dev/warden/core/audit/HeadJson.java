package dev.warden.core.audit;

import java.util.Arrays;
import java.util.Map;

/**
 * The canonical JSON of a set of chain heads, {@code {"<tenant>":{"hash":…,"seq":…}}}, written by hand (decision 0072):
 * the JSONL sink signs and rewrites its head after every batch, and building maps of maps for Jackson to sort and
 * write twice per batch (once to sign, once to store) was most of the head's CPU besides its system calls. The text is
 * exactly {@code CanonicalJson.write} of the same maps, which {@code HeadJsonProperties} checks; it is written here
 * only when every string is plain printable ASCII without {@code "} or {@code \} (tenant ids, boot ids and hex hashes
 * in practice), where Jackson writes the characters as they are and sorting by {@link String#compareTo} is sorting by
 * bytes. Anything else returns {@code null}, and the caller takes the Jackson path.
 */
final class HeadJson {
    private HeadJson() {}

    /** {@code {"<tenant>":{"hash":"…","seq":…},…}} with tenants sorted, or {@code null} if a string is not plain. */
    static String heads(Map<String, HashChain.Head> heads) {
        String[] tenants = heads.keySet().toArray(new String[0]);
        Arrays.sort(tenants);
        StringBuilder sb = new StringBuilder(16 + tenants.length * 100);
        sb.append('{');
        for (int i = 0; i < tenants.length; i++) {
            HashChain.Head h = heads.get(tenants[i]);
            if (!plain(tenants[i]) || h == null || !plain(h.hash())) {
                return null;
            }
            if (i > 0) {
                sb.append(',');
            }
            sb.append('"').append(tenants[i]).append("\":{\"hash\":\"").append(h.hash()).append("\",\"seq\":")
                    .append(h.seq()).append('}');
        }
        return sb.append('}').toString();
    }

    /** {@code {"boot":"…","heads":…}} around {@link #heads}' text, or {@code null} if the boot is not plain. */
    static String withBoot(String boot, String headsJson) {
        return plain(boot) ? "{\"boot\":\"" + boot + "\",\"heads\":" + headsJson + "}" : null;
    }

    /**
     * The stored head {@code {"boot":…,"heads":…,"mac":…}} ({@code boot} {@code null}: a v1 head without it), or
     * {@code null} if a string is not plain.
     */
    static String stored(String boot, String headsJson, String mac) {
        if (!plain(mac) || (boot != null && !plain(boot))) {
            return null;
        }
        return (boot == null ? "{" : "{\"boot\":\"" + boot + "\",") + "\"heads\":" + headsJson + ",\"mac\":\"" + mac
                + "\"}";
    }

    /** Printable ASCII without a quote or a backslash: written by Jackson exactly as it is. */
    static boolean plain(String s) {
        if (s == null) {
            return false;
        }
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
