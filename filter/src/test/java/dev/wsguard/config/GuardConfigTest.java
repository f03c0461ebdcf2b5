package dev.wsguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GuardConfigTest {

    private static GuardConfig parse(Map<String, String> init) throws InvalidConfigException {
        return GuardConfig.parse(init, Map.of());
    }

    @Test
    void defaultsMatchTheSpec() {
        GuardConfig c = GuardConfig.defaults();
        assertEquals(Mode.LOG, c.mode());
        assertEquals(PlainRequests.LOG, c.plainRequests());
        assertEquals(65536, c.bufferLimit());
        assertEquals(60, c.logWindowSeconds());
        assertFalse(c.details());
        assertTrue(c.endpoints().isEmpty());
        assertEquals(LogSink.LOGGER, c.logSink());
        assertTrue(c.warnings().isEmpty());
    }

    @Test
    void everyParameterIsRead() throws Exception {
        GuardConfig c = parse(Map.of("mode", " Enforce ", "endpoints", "/chat/{room}, /live,\n /echo",
                "plain-requests", "reject", "buffer-limit", "0", "log-window", "86400", "details", "TRUE",
                "log-sink", "servlet-context"));
        assertEquals(Mode.ENFORCE, c.mode());
        assertEquals("/chat/{room},/live,/echo",
                c.endpoints().stream().map(e -> e.path()).collect(Collectors.joining(",")));
        assertEquals(PlainRequests.REJECT, c.plainRequests());
        assertEquals(0, c.bufferLimit());
        assertEquals(86400, c.logWindowSeconds());
        assertTrue(c.details());
        assertEquals(LogSink.SERVLET_CONTEXT, c.logSink());
    }

    @Test
    void contextParamsApplyAndInitParamsWin() throws Exception {
        GuardConfig c = GuardConfig.parse(Map.of("mode", "off"),
                Map.of("wsguard.mode", "enforce", "wsguard.buffer-limit", "1024"));
        assertEquals(Mode.OFF, c.mode());
        assertEquals(1024, c.bufferLimit());
    }

    @ParameterizedTest(name = "{0}=[{1}]")
    @CsvSource(delimiter = '|', value = {
        "mode|enforc|init-param 'mode' has the invalid value [enforc]; allowed values: log, enforce, off (did you mean 'enforce'?)",
        "mode|''|init-param 'mode' has the invalid value []; allowed values: log, enforce, off",
        "plain-requests|deny|init-param 'plain-requests' has the invalid value [deny]; allowed values: ignore, log, reject",
        "buffer-limit|-1|init-param 'buffer-limit' has the invalid value [-1]; allowed: a whole number from 0 to 16777216 (bytes)",
        "buffer-limit|16777217|init-param 'buffer-limit' has the invalid value [16777217]",
        "buffer-limit|64k|init-param 'buffer-limit' has the invalid value [64k]",
        "buffer-limit|99999999999999|init-param 'buffer-limit' has the invalid value [99999999999999]",
        "log-window|0|init-param 'log-window' has the invalid value [0]; allowed: a whole number from 1 to 86400 (seconds)",
        "log-window|86401|init-param 'log-window' has the invalid value [86401]",
        "details|yes|init-param 'details' has the invalid value [yes]; allowed values: true, false",
        "endpoints|chat|init-param 'endpoints' holds the invalid path [chat]: endpoint path must start with '/'",
        "endpoints|/chat/{room|init-param 'endpoints' holds the invalid path [/chat/{room]: a variable must be a whole segment like {name}",
        "log-sink|file|init-param 'log-sink' has the invalid value [file]; allowed values: logger, servlet-context, both",
    })
    void badValuesNameTheParameterTheValueAndWhatIsAllowed(String name, String value, String expected) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> parse(Map.of(name, value)));
        assertTrue(e.getMessage().startsWith("wsguard: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void badContextParamIsNamedAsSuch() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> GuardConfig.parse(Map.of(), Map.of("wsguard.mode", "loud")));
        assertTrue(e.getMessage().contains("context-param 'wsguard.mode' has the invalid value [loud]"), e.getMessage());
    }

    @Test
    void controlCharactersInValuesAreEscapedInTheMessage() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> parse(Map.of("mode", "a\nb")));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("[a\\nb]"), e.getMessage());
    }

    @Test
    void unknownNamesAreWarnedWithTheNearestValidName() throws Exception {
        GuardConfig c = GuardConfig.parse(Map.of("buffer_limit", "1"),
                Map.of("wsguard.endpionts", "/x", "other.param", "ignored"));
        assertEquals(2, c.warnings().size(), c.warnings().toString());
        assertTrue(c.warnings().stream().anyMatch(w -> w.startsWith("init-param 'buffer_limit' is not a wsguard"
                + " parameter and is ignored; did you mean 'buffer-limit'?")), c.warnings().toString());
        assertTrue(c.warnings().stream().anyMatch(w -> w.contains("context-param 'wsguard.endpionts'")
                && w.contains("did you mean 'endpoints'?")), c.warnings().toString());
    }

    @Test
    void unrelatedUnknownNameGetsTheListOfValidNames() throws Exception {
        GuardConfig c = parse(Map.of("colour", "blue"));
        assertEquals("init-param 'colour' is not a wsguard parameter and is ignored; valid names: mode, endpoints,"
                + " plain-requests, buffer-limit, log-window, details, log-sink", c.warnings().get(0));
    }

    @Test
    void tooManyEndpointsIsRefused() {
        String many = java.util.stream.IntStream.range(0, 1001).mapToObj(i -> "/e" + i)
                .collect(Collectors.joining(","));
        assertThrows(InvalidConfigException.class, () -> parse(Map.of("endpoints", many)));
    }

    @Test
    void summaryShowsTheSettings() throws Exception {
        assertEquals("mode=enforce, plain-requests=log, buffer-limit=65536, log-window=60s",
                parse(Map.of("mode", "enforce")).summary());
    }
}
