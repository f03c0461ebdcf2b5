package dev.wsguard.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.config.GuardConfig;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** What the properties hand the filter, and how a refused value is reported; no application needed. */
class WsguardPropertiesTest {

    @Test
    void nothingSetPassesNothing() {
        assertEquals(Map.of(), new WsguardProperties().toInitParameters());
    }

    @Test
    void eachPropertyThatIsSetBecomesTheInitParamOfTheSameName() {
        WsguardProperties p = new WsguardProperties();
        p.setMode("enforce");
        p.setEndpoints(List.of("/chat/{room}", "/live"));
        p.setPlainRequests("reject");
        p.setBufferLimit(0);
        p.setLogWindow(1);
        p.setDetails(true);
        p.setLogSink("servlet-context");

        Map<String, String> params = p.toInitParameters();

        assertEquals(GuardConfig.PARAMETERS, List.copyOf(params.keySet()));
        assertEquals(Map.of("mode", "enforce", "endpoints", "/chat/{room}, /live", "plain-requests", "reject",
                "buffer-limit", "0", "log-window", "1", "details", "true", "log-sink", "servlet-context"), params);
    }

    @Test
    void onlyThoseSetArePassedSoContextParamsAndDefaultsStillApply() {
        WsguardProperties p = new WsguardProperties();
        p.setLogWindow(5);
        assertEquals(Map.of("log-window", "5"), p.toInitParameters());
    }

    @Test
    void aRefusedModeNamesThePropertyTheValueAndWhatIsAllowed() {
        FailureAnalysis analysis = refused(p -> p.setMode("bogus"), "wsguard.mode");
        assertEquals("The property 'wsguard.mode' has the invalid value [bogus]; allowed values: log, enforce, off.",
                analysis.getDescription());
        assertEquals("Set 'wsguard.mode' to a value wsguard accepts (allowed values: log, enforce, off), or remove it"
                + " to use wsguard's default.", analysis.getAction());
    }

    @Test
    void everyParameterIsCheckedByTheFiltersOwnRules() {
        assertAllowed(refused(p -> p.setPlainRequests("drop"), "wsguard.plain-requests"),
                "allowed values: ignore, log, reject");
        assertAllowed(refused(p -> p.setBufferLimit(GuardConfig.MAX_BUFFER_LIMIT + 1), "wsguard.buffer-limit"),
                "allowed: a whole number from 0 to " + GuardConfig.MAX_BUFFER_LIMIT + " (bytes)");
        assertAllowed(refused(p -> p.setBufferLimit(-1), "wsguard.buffer-limit"), "allowed: a whole number from 0");
        assertAllowed(refused(p -> p.setLogWindow(0), "wsguard.log-window"),
                "allowed: a whole number from 1 to " + GuardConfig.MAX_LOG_WINDOW_SECONDS + " (seconds)");
        assertAllowed(refused(p -> p.setLogSink("file"), "wsguard.log-sink"),
                "allowed values: logger, servlet-context, both");
        assertAllowed(refused(p -> p.setEndpoints(List.of("/ok", "no-slash")), "wsguard.endpoints"),
                "allowed: comma-separated paths like /chat/{room}, /live");
        FailureAnalysis mode = refused(p -> p.setMode("enforc"), "wsguard.mode");
        assertTrue(mode.getDescription().contains("(did you mean 'enforce'?)"), mode.getDescription());
    }

    @Test
    void theOriginSaysWhereThePropertyWasSet() {
        WsguardProperties p = new WsguardProperties();
        p.setMode("bogus");
        InvalidWsguardPropertyException e = assertThrows(InvalidWsguardPropertyException.class, p::toInitParameters)
                .withOrigin("class path resource [application.properties] - 3:14");
        assertEquals("The property 'wsguard.mode' has the invalid value [bogus]; allowed values: log, enforce, off."
                + " It is set in class path resource [application.properties] - 3:14.", e.getMessage());
        assertEquals("bogus", e.getValue());
    }

    private static FailureAnalysis refused(Consumer<WsguardProperties> set, String property) {
        WsguardProperties p = new WsguardProperties();
        set.accept(p);
        InvalidWsguardPropertyException e = assertThrows(InvalidWsguardPropertyException.class, p::toInitParameters);
        assertEquals(property, e.getProperty());
        FailureAnalysis analysis = new InvalidWsguardPropertyFailureAnalyzer()
                .analyze(new IllegalStateException("wrapped", e));
        assertTrue(analysis.getDescription().startsWith("The property '" + property + "' "), analysis.getDescription());
        return analysis;
    }

    private static void assertAllowed(FailureAnalysis analysis, String allowed) {
        assertTrue(analysis.getDescription().contains(allowed), analysis.getDescription());
        assertTrue(analysis.getAction().contains(allowed), analysis.getAction());
    }
}
