package dev.wsguard.text;

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
 * The fixed phrases of wsguard's lines, kept in one file ({@code wording.properties} beside this class) instead
 * of in the enums they belong to, so a reader finds every phrase in one place. Keys are
 * {@code <Enum>.<CONSTANT>} or {@code <Enum>.<CONSTANT>.<part>}.
 */
public final class Wording {

    static final String RESOURCE = "wording.properties";

    private static final Map<String, String> PHRASES = load();

    private Wording() {
    }

    /** The phrase of a constant. */
    public static String of(Enum<?> constant) {
        return lookup(key(constant, null));
    }

    /** One part of a constant's phrases ({@code ScanState.RAN.description}), or null where it has none. */
    public static String of(Enum<?> constant, String part) {
        return PHRASES.get(key(constant, part));
    }

    /**
     * A phrase ({@code part} null for the constant's own) with its {@code {name}} placeholders filled in from
     * name/value pairs. Values go in as given (callers pass them through {@code Sanitizer.field}) and are never read
     * for placeholders themselves, so request data cannot expand into more text; a placeholder without a value stays
     * as written, which a test sees.
     */
    public static String fill(Enum<?> constant, String part, String... namesAndValues) {
        return fillIn(lookup(key(constant, part)), namesAndValues);
    }

    /**
     * A template's {@code {name}} placeholders filled in from name/value pairs, the same way for every file of
     * phrases (the probe's too): values go in as given and are never read for placeholders themselves.
     */
    public static String fillIn(String template, String... namesAndValues) {
        if (template.indexOf('{') < 0) {
            return template;
        }
        StringBuilder b = new StringBuilder(template.length() + 64);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (close < 0) {
                b.append(template, i, template.length());
                break;
            }
            b.append(template, i, open);
            String value = valueOf(template.substring(open + 1, close), namesAndValues);
            b.append(value != null ? value : template.substring(open, close + 1));
            i = close + 1;
        }
        return b.toString();
    }

    private static String valueOf(String name, String[] namesAndValues) {
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i].equals(name)) {
                return namesAndValues[i + 1];
            }
        }
        return null;
    }

    static String key(Enum<?> constant, String part) {
        String key = constant.getDeclaringClass().getSimpleName() + "." + constant.name();
        return part == null ? key : key + "." + part;
    }

    static Map<String, String> phrases() {
        return PHRASES;
    }

    private static String lookup(String key) {
        String phrase = PHRASES.get(key);
        if (phrase == null) {
            // Only a jar that lost its resources gets here (WordingTest covers every constant): the key still
            // says which phrase is meant.
            return key;
        }
        return phrase;
    }

    private static Map<String, String> load() {
        return load(Wording.class, RESOURCE);
    }

    /**
     * A file of phrases beside a class, read as UTF-8 {@code .properties}: wsguard's own, or a framework
     * integration's (the Spring Boot starter's). Empty where the file is missing or unreadable, so a line still
     * names its phrases by their keys and nothing fails over wording.
     */
    public static Map<String, String> load(Class<?> owner, String resource) {
        Properties properties = new Properties();
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                return Collections.emptyMap();
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        } catch (IOException e) {
            // Never fail a deployment over wording: the keys still name each phrase.
            return Collections.emptyMap();
        }
        Map<String, String> phrases = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            // The namespace's names ({ns}.websocket) are filled in here, once: a phrase reads the same in every line.
            phrases.put(name, Namespace.fillIn(properties.getProperty(name)));
        }
        return Collections.unmodifiableMap(phrases);
    }
}
