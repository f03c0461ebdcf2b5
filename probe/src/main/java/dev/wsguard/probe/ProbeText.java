package dev.wsguard.probe;

import dev.wsguard.text.Wording;
import java.util.Map;

/**
 * The probe's own sentences, kept in {@code probe.properties} beside this class, read the way the filter reads its
 * {@code wording.properties} (same loader): one place for every phrase. Values filled into {@code {name}}
 * placeholders are never read for placeholders themselves, so server data cannot expand into more text; callers
 * pass server data through {@code Sanitizer.field} first.
 */
final class ProbeText {

    static final String RESOURCE = "probe.properties";

    private static final Map<String, String> PHRASES = Wording.load(ProbeText.class, RESOURCE);

    private ProbeText() {
    }

    /** The phrase for a key; the key itself where the phrase is missing (ProbeTextTest sees every key used). */
    static String of(String key) {
        String phrase = PHRASES.get(key);
        return phrase == null ? key : phrase;
    }

    /** Whether the file has this key. */
    static boolean has(String key) {
        return PHRASES.containsKey(key);
    }

    /** A phrase with its {@code {name}} placeholders filled from name/value pairs. */
    static String fill(String key, String... namesAndValues) {
        return Wording.fillIn(of(key), namesAndValues);
    }

    static Map<String, String> phrases() {
        return PHRASES;
    }
}
