package dev.wsguard.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.config.GuardConfig;
import dev.wsguard.config.LogSink;
import dev.wsguard.config.Mode;
import dev.wsguard.config.PlainRequests;
import dev.wsguard.spring.boot.WsguardProperties;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonParserFactory;

/**
 * The configuration metadata in the starter's jar, which IDEs read to complete and document {@code wsguard.*}: one
 * property per parameter the filter has (its public list, {@link GuardConfig#PARAMETERS}) plus {@code enabled}, each
 * described, with the filter's defaults, and hints with exactly the filter's values.
 */
class StarterMetadataTest {

    private static Map<String, Map<String, Object>> properties;
    private static Map<String, List<String>> hints;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws Exception {
        URL jar = WsguardProperties.class.getProtectionDomain().getCodeSource().getLocation();
        String json;
        try (URLClassLoader starterOnly = new URLClassLoader(new URL[] {jar}, null);
                InputStream in = starterOnly.getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertNotNull(in, "no generated metadata in " + jar);
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, Object> metadata = JsonParserFactory.getJsonParser().parseMap(json);
        properties = new LinkedHashMap<>();
        for (Object p : (List<Object>) metadata.get("properties")) {
            Map<String, Object> property = (Map<String, Object>) p;
            properties.put((String) property.get("name"), property);
        }
        hints = new LinkedHashMap<>();
        for (Object h : (List<Object>) metadata.get("hints")) {
            Map<String, Object> hint = (Map<String, Object>) h;
            hints.put((String) hint.get("name"), ((List<Object>) hint.get("values")).stream()
                    .map(v -> (String) ((Map<String, Object>) v).get("value")).collect(Collectors.toList()));
        }
    }

    @Test
    void everyPropertyIsListedAndDescribed() {
        Set<String> expected = new LinkedHashSet<>();
        expected.add("wsguard.enabled");
        GuardConfig.PARAMETERS.forEach(p -> expected.add("wsguard." + p));
        assertEquals(expected, properties.keySet().stream().filter(n -> n.startsWith("wsguard."))
                .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
        // Actuator's own properties of the wsguard endpoint, which the processor derives from @Endpoint(id="wsguard").
        assertTrue(properties.keySet().stream().allMatch(n -> n.startsWith("wsguard.")
                || n.startsWith("management.endpoint.wsguard.")), properties.keySet().toString());
        assertTrue(properties.containsKey("management.endpoint.wsguard.access"), properties.keySet().toString());
        properties.forEach((name, p) -> {
            Object description = p.get("description");
            assertTrue(description instanceof String d && !d.isBlank(), name + " has no description");
        });
        assertEquals("java.util.List<java.lang.String>", properties.get("wsguard.endpoints").get("type"));
    }

    @Test
    void theDefaultsAndRangesAreTheFilters() {
        assertEquals(true, properties.get("wsguard.enabled").get("defaultValue"));
        assertEquals(name(GuardConfig.DEFAULT_MODE), properties.get("wsguard.mode").get("defaultValue"));
        assertEquals(name(GuardConfig.DEFAULT_PLAIN_REQUESTS), properties.get("wsguard.plain-requests").get("defaultValue"));
        assertEquals(name(GuardConfig.DEFAULT_LOG_SINK), properties.get("wsguard.log-sink").get("defaultValue"));
        assertEquals(GuardConfig.DEFAULT_BUFFER_LIMIT,
                ((Number) properties.get("wsguard.buffer-limit").get("defaultValue")).intValue());
        assertEquals(GuardConfig.DEFAULT_LOG_WINDOW_SECONDS,
                ((Number) properties.get("wsguard.log-window").get("defaultValue")).intValue());
        assertEquals(GuardConfig.DEFAULT_DETAILS, properties.get("wsguard.details").get("defaultValue"));
        assertTrue(((String) properties.get("wsguard.buffer-limit").get("description"))
                .contains("0 to " + GuardConfig.MAX_BUFFER_LIMIT));
        assertTrue(((String) properties.get("wsguard.log-window").get("description"))
                .contains("1 to " + GuardConfig.MAX_LOG_WINDOW_SECONDS));
    }

    @Test
    void theHintsAreTheFiltersValues() {
        assertEquals(names(Mode.values()), hints.get("wsguard.mode"));
        assertEquals(names(PlainRequests.values()), hints.get("wsguard.plain-requests"));
        assertEquals(names(LogSink.values()), hints.get("wsguard.log-sink"));
        assertFalse(hints.containsKey("wsguard.enabled"));
    }

    /** A value as the filter spells it: {@code SERVLET_CONTEXT} is {@code servlet-context}. */
    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(StarterMetadataTest::name).collect(Collectors.toList());
    }
}
