package dev.warden.policy.internal;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

/**
 * Normalised text matching for rules about words and names ({@code text.fold}, {@code text.skeleton},
 * {@code text.mentions}): a rule written against {@code "password"} must also see {@code "PASSWORD"},
 * {@code "Ｐａｓｓｗｏｒｄ"} (full-width), {@code "pass\u200Bword"} (a zero-width space) and {@code "pаssword"} (a
 * Cyrillic {@code а}). Folding is Unicode's NFKC_Casefold (compatibility forms, case, default-ignorable characters);
 * the skeleton is UTS #39's, which maps characters that look alike to one representative, applied to the NFKC text and
 * then folded. Both come from ICU's Unicode data.
 */
public final class TextMatch {
    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
    private static final SpoofChecker SPOOF = new SpoofChecker.Builder().build();

    /** Longest text normalised; longer text is cut here (a rule about a word does not need megabytes). */
    public static final int MAX_LENGTH = 256 * 1024;

    private TextMatch() {}

    /** NFKC_Casefold of {@code s}; {@code ""} for {@code null}. */
    public static String fold(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        return NFKC_CASEFOLD.normalize(s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) : s);
    }

    /**
     * A case-insensitive UTS #39 skeleton, equal for strings that look alike once case is ignored ({@code "pаypаl"}
     * with Cyrillic {@code а}, {@code "PAYPAL"}, {@code "ΡΑΥΡΑL"} in Greek capitals). Taken per character of the NFKC
     * text: ASCII is lower-cased; any other character becomes its skeleton when that is ASCII (the letter it
     * imitates, judged in its own case, since folding first would map Greek {@code Β} to {@code β} rather than
     * {@code b}), else the skeleton of its folded form; default-ignorable characters (zero-width spaces, soft
     * hyphens) are dropped.
     */
    public static String skeleton(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        String nfkc = NFKC.normalize(s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) : s);
        StringBuilder out = new StringBuilder(nfkc.length());
        nfkc.codePoints().forEach(cp -> {
            if (cp < 0x80) {
                out.append(Character.toLowerCase((char) cp));
                return;
            }
            String c = new String(Character.toChars(cp));
            String folded = NFKC_CASEFOLD.normalize(c);
            if (folded.isEmpty()) {
                return; // default ignorable
            }
            String own = SPOOF.getSkeleton(c);
            out.append(NFKC_CASEFOLD.normalize(ascii(own) ? own : SPOOF.getSkeleton(folded)));
        });
        return out.toString();
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code text} mentions {@code word} under folding and skeletons. An empty or blank {@code word} is
     * never mentioned (a rule must not fire — or be satisfied — on nothing).
     */
    public static boolean mentions(String text, String word) {
        String w = skeleton(word).strip();
        return !w.isEmpty() && skeleton(text).contains(w);
    }
}
