package dev.wsguard.boot27;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.GuardSnapshot;
import dev.wsguard.WebSocketGuardFilter;
import dev.wsguard.boot27.app.Boot27App;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.log.Marker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * A startup that outlasts wsguard's wait. wsguard's endpoint scan never runs on Boot (its embedded Tomcat runs no
 * ServletContainerInitializer from jars), and it reads Tomcat's mappings once the deploying thread is quiet, at most
 * 1 s after the filter's init; Spring's ServerEndpointExporter deploys /echo only once every singleton exists. In an
 * application whose startup goes on longer ({@link SlowStart}), the mappings are read before /echo is in them, so
 * {@code WSG00} knows no endpoint; wsguard's thread reads them again every second for a minute and learns /echo then,
 * so the lines that follow are right. With the {@code endpoints} parameter, {@code WSG00} knows /echo at once.
 */
class Boot27SlowStartTest {

    /** Bounds the wait for wsguard's thread to read Tomcat's mappings again (it does every second). */
    private static final long LEARN_TIMEOUT_MILLIS = 10_000;

    @Test
    void withoutTheEndpointsParamTheLateEndpointIsLearntFromTomcatsMappings() throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach();
             RunningBootApp app = RunningBootApp.start(List.of(SlowStart.class), "--wsguard.endpoints=")) {
            String wsg00 = log.awaitCode("WSG00");
            assertTrue(wsg00.contains("endpoints known: none;"), wsg00);
            assertTrue(wsg00.contains("container mappings: read"), wsg00);

            Map<String, String> known = awaitEndpoint(filter(app), "/echo");
            assertTrue(known.get("/echo").contains("container"), () -> "learnt from Tomcat's mappings: " + known);

            int mark = log.mark();
            try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/echo"))) {
                assertEquals(101, response.status(), response::head);
            }
            try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/echo2"))) {
                assertEquals(200, response.status(), response::head);
            }
            try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.get("/echo").build())) {
                assertEquals(200, response.status(), response::head);
            }
            List<String> lines = log.requestLinesBefore(Marker.at(app.port(), ""), mark);
            assertEquals(2, lines.size(), () -> "one line for the typo, one for the plain GET: " + lines);
            // The two lines in either order: each is written as its own request concludes.
            String typo = lines.stream().filter(l -> l.startsWith("WSG01 ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no WSG01 for /echo2: " + lines));
            assertTrue(typo.contains(" /echo2 ")
                    && typo.contains("Closest endpoint: /echo, ws://127.0.0.1:" + app.port() + "/echo"), typo);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("WSG06 ") && l.contains(" /echo ")),
                    () -> "no WSG06 for the plain GET to /echo: " + lines);
        }
    }

    @Test
    void withTheEndpointsParamWsguardKnowsEcho() throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach();
             RunningBootApp app = RunningBootApp.start(List.of(SlowStart.class))) {
            String wsg00 = log.awaitCode("WSG00");
            assertTrue(wsg00.contains("endpoints known: 1 (/echo from init-param endpoints);"), wsg00);
            assertEquals("/echo", app.servletContext().getFilterRegistration("wsguard").getInitParameter("endpoints"));
        }
    }

    private static WebSocketGuardFilter filter(RunningBootApp app) {
        return app.context().getBean(Boot27App.FILTER_NAME, FilterRegistrationBean.class).getFilter() instanceof
                WebSocketGuardFilter f ? f : null;
    }

    /** The filter's known endpoints once they hold {@code path}; bounded by {@link #LEARN_TIMEOUT_MILLIS}. */
    private static Map<String, String> awaitEndpoint(WebSocketGuardFilter filter, String path)
            throws InterruptedException {
        assertNotNull(filter, "the app registers wsguard as bean '" + Boot27App.FILTER_NAME + "'");
        long deadline = System.nanoTime() + LEARN_TIMEOUT_MILLIS * 1_000_000L;
        Map<String, String> known = Map.of();
        while (System.nanoTime() < deadline) {
            GuardSnapshot snapshot = filter.snapshot();
            known = snapshot == null ? Map.of() : snapshot.endpoints();
            if (known.containsKey(path)) {
                return known;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(path + " not learnt within " + LEARN_TIMEOUT_MILLIS + " ms; known: " + known);
    }
}
