package dev.wsguard.spring.boot;

import dev.wsguard.text.Wording;
import java.util.Map;

/**
 * Every text of the starter's own causes, in one file beside this class ({@link #RESOURCE}), keyed
 * {@code <Enum>.<CONSTANT>[.part]} as the filter keys its phrases: {@link SpringRefusal}, {@link SpringMisroute},
 * {@link SpringStartupProblem}.
 */
final class SpringTexts {

    static final String RESOURCE = "texts.properties";

    private static final Map<String, String> TEXTS = Wording.load(SpringTexts.class, RESOURCE);

    private SpringTexts() {
    }

    /** The text of {@code key}, or null where the file has none. */
    static String find(String key) {
        return TEXTS.get(key);
    }

    /** The text of {@code key}, or the key itself where the file has none, so a line still says which cause it was. */
    static String get(String key) {
        return TEXTS.getOrDefault(key, key);
    }

    /**
     * The template with each {@code {name}} replaced by its value, in one pass: a value (an Origin, a path) that holds
     * "{path}" stays as it is. A placeholder without a value stays too.
     */
    static String fill(String template, Map<String, String> values) {
        StringBuilder b = new StringBuilder(template.length() + 128);
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf('{', at);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            String value = close < 0 ? null : values.get(template.substring(open + 1, close));
            if (value == null) {
                int end = open < 0 ? template.length() : open + 1;
                b.append(template, at, end);
                at = end;
            } else {
                b.append(template, at, open).append(value);
                at = close + 1;
            }
        }
        return b.toString();
    }

    /** Every text, by key; for the test that keeps constants and texts paired. */
    static Map<String, String> all() {
        return TEXTS;
    }
}
