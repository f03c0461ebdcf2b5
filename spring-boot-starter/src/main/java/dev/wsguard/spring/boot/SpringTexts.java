package dev.wsguard.spring.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Every text of the starter's own causes, in one file beside this class ({@link #RESOURCE}), keyed
 * {@code <Enum>.<CONSTANT>[.part]} as the filter keys its phrases: {@link SpringRefusal}, {@link SpringPathMeaning},
 * {@link SpringStartupProblem}.
 */
final class SpringTexts {

    static final String RESOURCE = "texts.properties";

    private static final Map<String, String> TEXTS = load();

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

    private static Map<String, String> load() {
        Properties properties = new Properties();
        try (InputStream in = SpringTexts.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Collections.emptyMap();
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        } catch (IOException e) {
            // A line without the text still names its cause.
            return Collections.emptyMap();
        }
        Map<String, String> texts = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            texts.put(name, properties.getProperty(name));
        }
        return Collections.unmodifiableMap(texts);
    }
}
