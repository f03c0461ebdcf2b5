package dev.wsguard.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.spring.boot.WsguardAutoConfiguration;
import dev.wsguard.testkit.http.ClientOutcome;
import dev.wsguard.testkit.http.JdkWebSocketClient;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.http.WebSocketFrames;
import dev.wsguard.testkit.log.Marker;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * {@code wsguard.mode=enforce} in the application's properties ({@code application-enforce.properties}): the typo that
 * the single-page app's fallback answers 200 gets wsguard's 400 instead, and the working endpoint still works.
 */
class StarterInEnforceModeTest extends OneBootAppTest {

    @Override
    protected BootApp startApp() {
        return BootApp.start("enforce");
    }

    @Test
    void thePropertyReachesTheFilterAsItsInitParam() {
        FilterRegistrationBean<?> wsguard = app.context().getBean(WsguardAutoConfiguration.REGISTRATION_BEAN_NAME,
                FilterRegistrationBean.class);
        assertEquals(Map.of("mode", "enforce"), wsguard.getInitParameters());
    }

    @Test
    void aTypoGetsWsguards400InsteadOfTheFallbacks200() throws Exception {
        int mark = log.mark();
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/ecco"))) {
            assertEquals(400, response.status(), response.head());
            assertEquals("WSG01", response.header("WSGuard-Code").orElse(null), response.head());
            assertTrue(response.bodyText().startsWith("WSG01 "), response.bodyText());
        }
        String line = WsguardLines.await(log, "WSG01", "/ecco");
        assertTrue(line.contains("Closest endpoint: /echo"), line);
        assertEquals(List.of(line), log.requestLinesBefore(Marker.at(app.port(), ""), mark));
    }

    @Test
    void theJdkClientSeesWsguards400AndItsCode() throws Exception {
        // Another typo than /ecco: a repeat of one (code, path) inside the log window is counted, not logged.
        ClientOutcome typo = JdkWebSocketClient.connect(URI.create("ws://127.0.0.1:" + app.port() + "/ehco"));
        assertEquals(400, typo.status(), typo.summary());
        assertEquals("WSG01", typo.guardCode(), typo.summary());
    }

    @Test
    void theEndpointStillAnswers101AndEchoes() throws Exception {
        int mark = log.mark();
        ClientOutcome echo = JdkWebSocketClient.connect(URI.create("ws://127.0.0.1:" + app.port() + "/echo"));
        assertTrue(echo.connected(), echo.summary());
        assertEquals(JdkWebSocketClient.TEXT, echo.echoed());
        log.assertNoRequestLineBefore(Marker.at(app.port(), ""), mark);
    }

    @Test
    void rawHandshakesToTheHandlerAndToSockJsRawTransportStillGet101() throws Exception {
        int mark = log.mark();
        try (RawResponse echo = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/echo"))) {
            assertEquals(101, echo.status(), echo.head());
            assertEquals(RawRequest.SAMPLE_ACCEPT, echo.header("Sec-WebSocket-Accept").orElse(null));
            WebSocketFrames.sendText(echo.upgradedOutput(), "raw");
            assertEquals("raw", WebSocketFrames.read(echo.upgradedInput()).text());
        }
        // SockJS's raw WebSocket transport: STOMP without SockJS framing.
        try (RawResponse sockJs = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/ws/websocket"))) {
            assertEquals(101, sockJs.status(), sockJs.head());
            assertEquals(RawRequest.SAMPLE_ACCEPT, sockJs.header("Sec-WebSocket-Accept").orElse(null));
            String connected = RawStomp.connect(sockJs);
            assertTrue(connected.startsWith("CONNECTED\n"), connected);
        }
        log.assertNoRequestLineBefore(Marker.at(app.port(), ""), mark);
    }

    @Test
    void aLoginRedirectIsLeftAsItIs() throws Exception {
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/secure/ws"))) {
            assertEquals(302, response.status(), "enforce mode never alters a 3xx: " + response.head());
        }
        WsguardLines.await(log, "WSG07", "/secure/ws");
    }
}
