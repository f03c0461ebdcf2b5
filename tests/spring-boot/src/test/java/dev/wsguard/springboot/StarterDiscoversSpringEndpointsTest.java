package dev.wsguard.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.WebSocketGuardFilter;
import dev.wsguard.spring.boot.WsguardAutoConfiguration;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.http.WebSocketFrames;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.log.Marker;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With no {@code wsguard.endpoints} set, the starter discovers the application's Spring endpoints itself, once the
 * application context is refreshed, and hands them to the filter, whose {@code WSG00} waits for them: the raw
 * {@code WebSocketHandler} at {@code /echo}, the STOMP endpoint at {@code /ws-plain}, the SockJS endpoint at
 * {@code /ws} and the endpoint Spring's {@code ServerEndpointExporter} deployed at {@code /jsr-echo}, each named by its
 * source, and each in the diagnoses as an endpoint of the {@code endpoints} init-param
 * would be.
 */
class StarterDiscoversSpringEndpointsTest extends OneBootAppTest {

    /** What {@link WhenTheServerHasStarted} saw. */
    private static volatile int wsg00WhenServerStarted = -1;
    private static volatile boolean filterStartedWhenServerStarted;
    /** This class's log capture, for the probe bean Spring creates. */
    private static volatile GuardLogCapture probeLog;

    @Override
    protected BootApp startApp() {
        probeLog = log;
        return BootApp.start(null, List.of(WhenTheServerHasStarted.class));
    }

    /**
     * Looks, once the embedded server has started (every container has called the filter's {@code init} by then) and
     * every singleton exists (Spring's WebSocket handler mappings included), but before the context's refresh ends,
     * whether wsguard's filter is running (it has a snapshot once {@code init} ran) and whether its {@code WSG00} was
     * written: a lifecycle bean of the last phase starts after Boot's web server, and the context publishes
     * {@code ContextRefreshedEvent}, on which the starter tells Spring's endpoints, only once all have started.
     */
    @Configuration(proxyBeanMethods = false)
    static class WhenTheServerHasStarted {
        @Bean
        SmartLifecycle wsguardProbe(
                @Qualifier(WsguardAutoConfiguration.REGISTRATION_BEAN_NAME) FilterRegistrationBean<?> registration) {
            return new SmartLifecycle() {
                private volatile boolean running;

                @Override
                public void start() {
                    // A running filter has a snapshot; its MBean is there only where an MBean server runs (JMX is
                    // off by default in Boot), which depends on what ran before in this JVM.
                    filterStartedWhenServerStarted = registration.getFilter() instanceof WebSocketGuardFilter
                            && ((WebSocketGuardFilter) registration.getFilter()).snapshot() != null;
                    wsg00WhenServerStarted = probeLog.messages("WSG00").size();
                    running = true;
                }

                @Override
                public void stop() {
                    running = false;
                }

                @Override
                public boolean isRunning() {
                    return running;
                }

                @Override
                public int getPhase() {
                    return SmartLifecycle.DEFAULT_PHASE;
                }
            };
        }
    }

    @Test
    void wsg00WaitsForSpringsEndpointsAndListsThemWithTheirSources() throws Exception {
        assertTrue(filterStartedWhenServerStarted, "wsguard's filter was not running once the server had started");
        assertEquals(0, wsg00WhenServerStarted, "WSG00 was written before Spring told its endpoints");
        String wsg00 = log.awaitCode("WSG00");
        assertEquals(1, log.messages("WSG00").size(), log.describe());
        assertTrue(wsg00.contains("/echo from Spring WebSocketHandler"), wsg00);
        assertTrue(wsg00.contains("/ws-plain from STOMP endpoint"), wsg00);
        assertTrue(wsg00.contains("/ws, /ws/websocket, /ws/{server}/{session}/websocket from SockJS endpoint"), wsg00);
        assertTrue(wsg00.contains("/jsr-echo from ServerEndpointExporter"), wsg00);
        assertTrue(wsg00.contains("endpoints known: 6 ("), wsg00);
        assertTrue(wsg00.contains("framework endpoints: told by the framework that registered wsguard once its"
                + " application was ready"), wsg00);
        assertFalse(wsg00.contains("registry unavailable"), wsg00);
        assertFalse(wsg00.contains("Fix:"), wsg00);
    }

    @Test
    void theEndpointTheExporterDeployedAnswers101AndNothingIsLogged() throws Exception {
        int mark = log.mark();
        try (RawResponse ws = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/jsr-echo"))) {
            assertEquals(101, ws.status(), ws.head());
            WebSocketFrames.sendText(ws.upgradedOutput(), "to the container's endpoint");
            assertEquals("to the container's endpoint", WebSocketFrames.read(ws.upgradedInput()).text());
        }
        log.assertNoRequestLineBefore(Marker.at(app.port(), ""), mark);
    }

    @Test
    void typosNameTheClosestDiscoveredEndpoint() throws Exception {
        int mark = log.mark();
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/ws-plian"))) {
            assertEquals(200, response.status(), "the fallback answers: " + response.head());
        }
        String line = WsguardLines.await(log, "WSG01", "/ws-plian");
        assertTrue(line.contains("Closest endpoint: /ws-plain, ws://"), line);
        assertEquals(List.of(line), log.requestLinesBefore(Marker.at(app.port(), ""), mark));
    }

    @Test
    void aRawClientAtTheSockJsEndpointIsToldItsRawWebSocketPath() throws Exception {
        int mark = log.mark();
        // SockJS answers a plain GET at its base path with its greeting, but one that asks to upgrade with an empty
        // 400 (AbstractSockJsService.handleRequest, Spring 6.2 and 7.0): WSG08, "another 4xx".
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/ws"))) {
            assertEquals(400, response.status(), response.head());
        }
        String line = WsguardLines.await(log, "WSG08", "/ws");
        assertTrue(line.contains("An endpoint is declared at /ws (SockJS endpoint) and it answers plain HTTP too"), line);
        // SockJS's own answer, not an ordinary resource's; its raw WebSocket path, or a client that speaks SockJS.
        assertTrue(line.contains("instead of 101. An endpoint is declared at /ws (SockJS endpoint)"), line);
        assertTrue(line.contains("Fix: connect a plain WebSocket client to /ws/websocket, or use a SockJS client"
                + " (sockjs-client in a browser, Spring's SockJsClient in Java) at /ws."), line);
        assertEquals(List.of(line), log.requestLinesBefore(Marker.at(app.port(), ""), mark));
    }

    @Test
    void aStompConnectOverThePlainStompEndpointWorksAndNothingIsLogged() throws Exception {
        int mark = log.mark();
        try (RawResponse ws = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/ws-plain"))) {
            assertEquals(101, ws.status(), ws.head());
            String connected = RawStomp.connect(ws);
            assertTrue(connected.startsWith("CONNECTED\n") && connected.contains("version:1.2"), connected);
            RawStomp.send(ws, "SUBSCRIBE", "", "id", "0", "destination", "/topic/echo");
            RawStomp.send(ws, "SEND", "over STOMP", "destination", "/app/echo", "content-type", "text/plain");
            String message = RawStomp.read(ws);
            assertTrue(message.startsWith("MESSAGE\n") && message.endsWith("\n\nover STOMP"), message);
        }
        log.assertNoRequestLineBefore(Marker.at(app.port(), ""), mark);
    }

    @Test
    void aPlainGetToTheStompEndpointIsWsg06ButTheSockJsGreetingIsNot() throws Exception {
        int mark = log.mark();
        try (RawResponse greeting = RawHttp.exchange(app.port(), RawRequest.get("/ws").build())) {
            assertEquals(200, greeting.status(), greeting.head());
            assertTrue(greeting.bodyText().startsWith("Welcome to SockJS!"), greeting.bodyText());
        }
        try (RawResponse plain = RawHttp.exchange(app.port(), RawRequest.get("/ws-plain").build())) {
            assertNotNull(plain.statusLine());
        }
        String line = WsguardLines.await(log, "WSG06", "/ws-plain");
        assertTrue(line.contains("reached WebSocket endpoint path /ws-plain"), line);
        assertEquals(List.of(line), log.requestLinesBefore(Marker.at(app.port(), ""), mark));
    }
}
