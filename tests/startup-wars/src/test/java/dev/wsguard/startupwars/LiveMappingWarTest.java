package dev.wsguard.startupwars;

import dev.wsguard.testkit.log.LineAssertions;

import static dev.wsguard.testkit.log.LineAssertions.assertLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.fixtures.SpaFallbackServlet;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.log.Marker;
import dev.wsguard.startupwars.app.ChatRoomEndpoint;
import dev.wsguard.startupwars.app.MappingProbeServlet;
import dev.wsguard.startupwars.app.ProgrammaticEndpoint;
import dev.wsguard.startupwars.app.SpaForwardFilter;
import dev.wsguard.testkit.war.WarContainer;
import dev.wsguard.testkit.war.WarContainer.WebSocket;
import dev.wsguard.testkit.war.WarDirs;
import dev.wsguard.testkit.war.WebApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * wsguard's live question to the container, "which endpoint do you map at this path?"
 * ({@code ContainerEndpoints.findMapping}: Jetty's {@code PathMappings.getMatched}, Tomcat's
 * {@code WsServerContainer.findMapping}, both by reflection), asked of the real container objects from
 * inside a real WAR; then the diagnosis it enables, "mapped, yet not taken", produced for real.
 */
class LiveMappingWarTest {

    private static final String CONTEXT = "/app";
    private static final String NOT_MAPPED = MappingProbeServlet.NONE;

    /** Context-relative path asked, and the template the container must answer ({@link #NOT_MAPPED}: none). */
    private static final Map<String, String> LOOKUPS = lookups();

    private static Map<String, String> lookups() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("/echo", "/echo");                               // annotated, exact
        m.put("/chat/lobby", ChatRoomEndpoint.PATH);           // annotated template, concrete room
        m.put(ProgrammaticEndpoint.PATH, ProgrammaticEndpoint.PATH); // added through the ServerContainer
        m.put("/ecco", NOT_MAPPED);
        m.put("/Echo", NOT_MAPPED);
        m.put("/chat", NOT_MAPPED);                            // the template's segment missing
        m.put("/chat/lobby/extra", NOT_MAPPED);                // one segment too many
        m.put(MappingProbeServlet.MAPPING, NOT_MAPPED);        // a servlet, not an endpoint
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(WarContainer.class)
    void theContainerAnswersForDeployedEndpointsAndOnlyForThem(WarContainer container) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach(); WarDirs dirs = new WarDirs()) {
            Path war = EndpointKnowledgeWarTest.endpointsApp()
                    .servlet("mapping-probe", MappingProbeServlet.class, MappingProbeServlet.MAPPING)
                    .build(dirs.next("live-mapping"));
            try (RunningServer server = container.start(WebSocket.ON, WebApp.at(CONTEXT, war))) {
                List<String> wrong = new ArrayList<>();
                String route = container == WarContainer.JETTY_EE10 ? MappingProbeServlet.JETTY_ROUTE
                        : MappingProbeServlet.SERVER_CONTAINER_ROUTE;
                for (Map.Entry<String, String> lookup : LOOKUPS.entrySet()) {
                    Map<String, String> answer = probe(server, lookup.getKey());
                    // The route each container is known by must be the one that answers, so a broken route
                    // cannot hide behind the other.
                    if (container == WarContainer.JETTY_EE10) {
                        assertNotEquals(NOT_MAPPED, answer.get(MappingProbeServlet.JETTY_MAPPINGS),
                                "Jetty must publish its WebSocketMappings attribute: " + answer);
                    } else {
                        assertEquals("org.apache.tomcat.websocket.server.WsServerContainer",
                                answer.get(MappingProbeServlet.SERVER_CONTAINER), "Tomcat's ServerContainer: " + answer);
                        assertEquals(NOT_MAPPED, answer.get(MappingProbeServlet.JETTY_MAPPINGS), answer::toString);
                    }
                    for (String key : List.of(MappingProbeServlet.FILTER_LOOKUP, route)) {
                        if (!lookup.getValue().equals(answer.get(key))) {
                            wrong.add(lookup.getKey() + " via " + key + ": expected " + lookup.getValue() + ", got "
                                    + answer.get(key) + " " + answer);
                        }
                    }
                }
                assertTrue(wrong.isEmpty(), () -> "the container's own lookup answered wrongly:\n  "
                        + String.join("\n  ", wrong) + "\nwsguard log:" + log.describe());
            }
        }
    }

    // ---- "The container has an endpoint mapped at ..., yet it did not take the request" ------------

    /**
     * The endpoints app plus a single-page-app fallback filter declared in web.xml after wsguard, which
     * forwards every path without a dot to the HTML shell. On Tomcat, web.xml filters run before the
     * WebSocket filter that WsSci adds programmatically, so the fallback forwards {@code /chat/lobby}
     * away before Tomcat can upgrade it.
     */
    private static Path spaApp(WarDirs dirs) throws Exception {
        Path war = EndpointKnowledgeWarTest.endpointsApp().classes(SpaForwardFilter.class)
                .servlet("shell", SpaFallbackServlet.class, SpaForwardFilter.SHELL).build(dirs.next("spa"));
        // WarBuilder declares only wsguard's filter; the user's own filter goes right after its mapping.
        Path webXml = war.resolve("WEB-INF/web.xml");
        String xml = Files.readString(webXml, StandardCharsets.UTF_8);
        String guardMappingEnd = "</filter-mapping>\n";
        int at = xml.indexOf(guardMappingEnd);
        assertTrue(at > 0 && xml.lastIndexOf("<filter-name>wsguard</filter-name>", at) > 0,
                () -> "expected wsguard's filter-mapping in the built web.xml:\n" + xml);
        at += guardMappingEnd.length();
        String spa = "  <filter>\n    <filter-name>spa-fallback</filter-name>\n    <filter-class>"
                + SpaForwardFilter.class.getName() + "</filter-class>\n    <async-supported>true</async-supported>\n"
                + "  </filter>\n  <filter-mapping>\n    <filter-name>spa-fallback</filter-name>\n"
                + "    <url-pattern>/*</url-pattern>\n  </filter-mapping>\n";
        Files.writeString(webXml, xml.substring(0, at) + spa + xml.substring(at), StandardCharsets.UTF_8);
        return war;
    }

    @Test
    void tomcatMappedEndpointForwardedAwayByAFilterAfterWsguardIsNamed() throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach(); WarDirs dirs = new WarDirs()) {
            try (RunningServer server = WarContainer.TOMCAT.start(WebSocket.ON, WebApp.at(CONTEXT, spaApp(dirs)));
                 RawResponse response = RawHttp.exchange(server.port(), RawRequest.validUpgrade(CONTEXT + "/chat/lobby"))) {
                assertEquals(200, response.status(), () -> "the SPA shell answers:\n" + response);
                assertEquals(SpaFallbackServlet.BODY, response.bodyText());
                assertLine(log, "WSG01", "/app/chat/lobby",
                        "The container has an endpoint mapped at " + ChatRoomEndpoint.PATH + ", yet it did not take"
                                + " the request: something between wsguard and the container's WebSocket filter"
                                + " answered first");
            }
        }
    }

    /**
     * The same WAR on Jetty: its WebSocket filter is put ahead of every web.xml filter, so the fallback
     * never sees the handshake. (Jetty's Jakarta creator answers a refusal itself, 403 or an error, so
     * no request it declined reaches wsguard either: this branch has no real Jetty case found.)
     */
    @Test
    void jettyUpgradesBeforeTheFilterAfterWsguardRuns() throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach(); WarDirs dirs = new WarDirs()) {
            try (RunningServer server = WarContainer.JETTY_EE10.start(WebSocket.ON, WebApp.at(CONTEXT, spaApp(dirs)))) {
                try (RawResponse response = RawHttp.exchange(server.port(),
                        RawRequest.validUpgrade(CONTEXT + "/chat/lobby"))) {
                    assertEquals(101, response.status(), () -> "Jetty's WebSocket filter runs first:\n" + response);
                }
                // The fixture: the fallback really is active for ordinary paths.
                try (RawResponse page = RawHttp.exchange(server.port(), RawRequest.get(CONTEXT + "/rooms").build())) {
                    assertEquals(200, page.status(), page::toString);
                    assertEquals(SpaFallbackServlet.BODY, page.bodyText());
                }
                log.assertNoRequestLineBefore(Marker.at(server.port(), CONTEXT), 0);
            }
        }
    }

    private static Map<String, String> probe(RunningServer server, String path) throws Exception {
        try (RawResponse response = RawHttp.exchange(server.port(),
                RawRequest.get(CONTEXT + MappingProbeServlet.MAPPING + "?" + MappingProbeServlet.PATH_PARAM + "="
                        + path).build())) {
            assertEquals(200, response.status(), response::toString);
            Map<String, String> answer = new LinkedHashMap<>();
            for (String line : response.bodyText().split("\n")) {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    answer.put(line.substring(0, colon), line.substring(colon + 2));
                }
            }
            return answer;
        }
    }
}
