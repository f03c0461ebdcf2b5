package dev.wsguard.boot27;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.log.Marker;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Why the registration on Boot 2.7 lists its endpoints in {@code endpoints}. wsguard's endpoint scan never runs there
 * (Boot's embedded Tomcat runs no ServletContainerInitializer from jars), and it reads Tomcat's mappings once the
 * deploying thread is quiet, at most 1 s after the filter's init; Spring's ServerEndpointExporter deploys /echo only
 * once every singleton exists. In an application whose startup goes on longer ({@link SlowStart}), the mappings are
 * read before /echo is in them: without the parameter wsguard knows no endpoint, with it /echo.
 */
class Boot27SlowStartTest {

    @Test
    void withoutTheEndpointsParamWsguardKnowsNoEndpoint() throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach();
             RunningBootApp app = RunningBootApp.start(List.of(SlowStart.class), "--wsguard.endpoints=")) {
            String wsg00 = log.awaitCode("WSG00");
            assertTrue(wsg00.contains("endpoints known: none;"), wsg00);
            assertTrue(wsg00.contains("container mappings: read"), wsg00);

            // The endpoint works all the same: wsguard's missing knowledge costs its hints, not handshakes.
            int mark = log.mark();
            try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/echo"))) {
                assertEquals(101, response.status(), response::head);
            }
            try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/echo2"))) {
                assertEquals(200, response.status(), response::head);
            }
            // Nor is a plain GET to /echo WSG06: wsguard does not know it for an endpoint's path.
            try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.get("/echo").build())) {
                assertEquals(200, response.status(), response::head);
            }
            String typo = log.find(m -> m.startsWith("WSG01 ") && m.contains(" /echo2 "), GuardLogCapture.APPEAR_TIMEOUT)
                    .orElseThrow(() -> new AssertionError("no WSG01 for /echo2:" + log.describe()));
            assertEquals(List.of(typo), log.requestLinesBefore(Marker.at(app.port(), ""), mark));
            // Worse than no hint: with Tomcat's mappings read (and empty then), wsguard takes its list for complete
            // and says the context has no endpoint at all (docs/javax.md quotes it).
            assertTrue(typo.contains("This context deploys no WebSocket endpoint.") && !typo.contains("/echo,"), typo);
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
}
