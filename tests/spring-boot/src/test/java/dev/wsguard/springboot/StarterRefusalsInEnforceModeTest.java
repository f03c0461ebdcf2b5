package dev.wsguard.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.log.Marker;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code wsguard.mode=enforce} leaves Spring's refusals as Spring answered them: an origin check's 403 and Spring
 * Security's 401 reach the client unchanged (no {@code WSGuard-Code}), and the line, with its Spring cause and fix,
 * says enforce mode left it unchanged.
 */
class StarterRefusalsInEnforceModeTest extends OneBootAppTest {

    @Override
    protected BootApp startApp() {
        return BootApp.start("enforce", List.of(RefusingEndpoints.Origins.class, RefusingEndpoints.GuardedPaths.class));
    }

    private String unchanged(RawRequest request, int status) throws Exception {
        int mark = log.mark();
        try (RawResponse response = RawHttp.exchange(app.port(), request)) {
            assertEquals(status, response.status(), response.head());
            assertFalse(response.header("WSGuard-Code").isPresent(), "Spring's own answer: " + response.head());
        }
        String line = WsguardLines.await(log, "WSG07", request.target());
        assertEquals(List.of(line), log.requestLinesBefore(Marker.at(app.port(), ""), mark));
        assertTrue(line.endsWith(" Enforce mode: left unchanged."), line);
        return line;
    }

    @Test
    void anOriginRefusalIsLeftAsSpringAnsweredIt() throws Exception {
        RawRequest foreign = RawRequest.validUpgrade("/echo").toBuilder().header("Origin", "https://evil.example")
                .build();
        String line = unchanged(foreign, 403);
        assertTrue(line.contains(" refused Origin https://evil.example at /echo (Spring WebSocketHandler), which allows"
                + " same origin only (no allowed origins set). Fix: "), line);
    }

    @Test
    void aSecurityChallengeIsLeftAsSpringAnsweredIt() throws Exception {
        String line = unchanged(RawRequest.validUpgrade("/basic/ws"), 401);
        assertTrue(line.contains("instead of 101: Spring Security demands authentication for /basic/ws"), line);
    }
}
