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
            phrases.put(name, properties.getProperty(name));
        }
        return Collections.unmodifiableMap(phrases);
    }
}
