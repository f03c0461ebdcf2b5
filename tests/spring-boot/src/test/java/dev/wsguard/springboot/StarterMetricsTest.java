package dev.wsguard.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The starter's metrics and its actuator endpoint, with Actuator and Micrometer's Prometheus registry on the class
 * path and {@code wsguard} and {@code prometheus} exposed: what {@code /actuator/prometheus} and
 * {@code /actuator/wsguard} answer over real HTTP after handshakes, right and wrong, on this module's container.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StarterMetricsTest extends OneBootAppTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    protected BootApp startApp() {
        return BootApp.start(null, List.of(), "--management.endpoints.web.exposure.include=wsguard,prometheus");
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.port() + path)).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    /** wsguard's series in a scrape: its sample lines, comments left out. */
    private List<String> wsguardSeries() throws Exception {
        return get("/actuator/prometheus").lines().filter(l -> l.startsWith("wsguard_")).collect(Collectors.toList());
    }

    /** The series once one matches (the counters are counted as the request ends, after the client's answer). */
    private List<String> awaitSeries(Predicate<List<String>> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> series = wsguardSeries();
        while (!done.test(series) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            series = wsguardSeries();
        }
        return series;
    }

    private static boolean has(List<String> series, String name, String... labels) {
        return series.stream().anyMatch(l -> l.startsWith(name + "{") && List.of(labels).stream().allMatch(l::contains));
    }

    private void handshake(String path, int status) throws Exception {
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade(path))) {
            assertEquals(status, response.status(), path + ": " + response.head());
        }
    }

    @Test
    @Order(1)
    void aTypoAndACorrectHandshakeShowInTheScrapeByCodeEndpointAndOutcome() throws Exception {
        handshake("/ecco", 200);
        WsguardLines.await(log, "WSG01", "/ecco");
        handshake("/echo", 101);
        List<String> series = awaitSeries(s -> has(s, "wsguard_incidents_total", "code=\"WSG01\"", "endpoint=\"/echo\"")
                && has(s, "wsguard_upgrades_total", "outcome=\"misrouted\"")
                && has(s, "wsguard_upgrades_total", "outcome=\"accepted\""));
        System.out.println("wsguard series after /ecco and /echo:\n  " + String.join("\n  ", series));
        assertTrue(has(series, "wsguard_incidents_total", "code=\"WSG01\"", "endpoint=\"/echo\""), series.toString());
        assertTrue(has(series, "wsguard_upgrades_total", "outcome=\"misrouted\""), series.toString());
        assertTrue(has(series, "wsguard_upgrades_total", "outcome=\"accepted\""), series.toString());
        assertFalse(series.stream().anyMatch(l -> l.contains("/ecco")), "no series names the path sent: " + series);
    }

    @Test
    @Order(2)
    void aFloodOfRandomMisroutedPathsAddsAFewSeriesAtMost() throws Exception {
        handshake("/ecco", 200);
        List<String> before = awaitSeries(s -> has(s, "wsguard_incidents_total", "code=\"WSG01\""));
        Random random = new Random(14);
        for (int i = 0; i < 200; i++) {
            String token = "r" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
            // One segment: the fallback's 200 (WSG01); two: Spring's 404 (WSG02).
            handshake(i % 2 == 0 ? "/" + token : "/" + token + "/x", i % 2 == 0 ? 200 : 404);
        }
        List<String> after = awaitSeries(s -> has(s, "wsguard_incidents_total", "code=\"WSG02\"", "endpoint=\"unknown\"")
                && has(s, "wsguard_incidents_total", "code=\"WSG01\"", "endpoint=\"unknown\""));
        System.out.println("wsguard series: " + before.size() + " before the flood of 200 random paths, " + after.size()
                + " after:\n  " + String.join("\n  ", after));
        assertTrue(has(after, "wsguard_incidents_total", "code=\"WSG01\"", "endpoint=\"unknown\""), after.toString());
        assertTrue(has(after, "wsguard_incidents_total", "code=\"WSG02\"", "endpoint=\"unknown\""), after.toString());
        assertTrue(after.size() - before.size() <= 2, "the flood grew the series from " + before.size() + " to "
                + after.size() + ": " + after);
        assertFalse(after.stream().anyMatch(l -> l.contains("endpoint=\"/r")), after.toString());
    }

    @Test
    @Order(3)
    void theActuatorEndpointShowsTheModeTheDiscoveredEndpointsBySourceAndTheLastIncidentsSanitized()
            throws Exception {
        handshake("/ecco", 200);
        int status;
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/ec%1bco"))) {
            status = response.status();
        }
        // The line names the path as the container gives it: still encoded (Tomcat's request URI), or decoded and
        // then escaped as every line escapes control characters. Jetty refuses an encoded control character in a
        // path with its own 400 before any filter runs: then there is no line, and nothing to escape.
        Optional<String> line = log.find(m -> m.contains("/ec%1bco") || m.contains("/ec\\x1bco"), WAIT);
        String shown = line.map(l -> l.contains("/ec%1bco") ? "/ec%1bco" : "/ec\\\\x1bco").orElse(null);
        System.out.println("/ec%1bco: " + status + ", " + line.orElse("no line (refused by the container)"));
        if (line.isEmpty()) {
            assertEquals(400, status, "no line, yet the container did not refuse the path:" + log.describe());
        }
        String json = get("/actuator/wsguard");
        System.out.println("/actuator/wsguard: " + json);
        assertTrue(json.contains("\"mode\":\"log\""), json);
        assertTrue(json.contains("{\"path\":\"/echo\",\"source\":\"Spring WebSocketHandler\"}"), json);
        assertTrue(json.contains("{\"path\":\"/ws-plain\",\"source\":\"STOMP endpoint\"}"), json);
        assertTrue(json.contains("{\"path\":\"/ws/websocket\",\"source\":\"SockJS endpoint\"}"), json);
        assertTrue(json.contains("{\"path\":\"/jsr-echo\",\"source\":\"ServerEndpointExporter\"}"), json);
        assertTrue(json.matches("(?s).*\"incidents\":\\{[^}]*\"WSG01\":[1-9][0-9]*.*"), json);
        assertTrue(json.contains("\"lastIncidents\":[\"WSG"), json);
        assertTrue(shown == null || json.contains(shown), "the last incidents have the line for " + shown + ": " + json);
        assertFalse(json.contains("\u001b"), json);
        assertFalse(json.toLowerCase(java.util.Locale.ROOT).contains("\\u001b"), json);
    }
}
