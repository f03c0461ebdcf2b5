package dev.wsguard.embedded.glassfish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsguard.testkit.fixtures.UpgradeRequiredServlet;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.server.WorkDirs;
import dev.wsguard.suite.report.CaseResult;
import dev.wsguard.suite.report.CaseResult.Section;
import dev.wsguard.suite.contracts.ScenarioContract;
import dev.wsguard.testkit.war.WarBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The scenario suite on GlassFish 7, the sample WAR deployed for the setups it has and the catalogue's own WARs
 * for the rest: everything it checks, and every answer it expects, is in container-suite. Plus the evidence for the
 * one place wsguard answers differently here (its 426 without {@code Upgrade}).
 */
class GlassFish7ScenarioTest extends ScenarioContract {

    private static final String REFUSALS = "/refusals";

    /** How long the raw socket waits for more bytes, and the HTTP client for the whole answer. */
    private static final int WAIT_MS = 2_000;

    /** Headers that say nothing about the answer's framing, and name the JDK (X-Powered-By). */
    private static final List<String> NOT_OF_NOTE = List.of("date", "server", "x-powered-by");

    private int refusalsPort;

    GlassFish7ScenarioTest() {
        super(ContainerKind.GLASSFISH_7);
    }

    /**
     * A servlet writes the 426 wsguard would write (text/plain, fixed length), without and with {@code Upgrade:
     * websocket} and {@code Connection: Upgrade} as RFC 9110 asks, to a plain GET. A raw socket records what
     * arrives; the JDK's HttpClient shows what a client that trusts HTTP framing gets. Observed: with Upgrade,
     * Grizzly drops {@code Content-Length} (the body still follows) and keeps the connection open, so the end of the
     * answer does not come until Grizzly drops the idle connection (about 30 s) and the client waits. This is why wsguard leaves Upgrade out of its 426 here
     * ({@link ContainerKind#refusalsCarryUpgrade()}).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "426 without Upgrade, /plain, Content-Length: 47, HTTP client: 426 and the body",
        "426 with Upgrade, " + UpgradeRequiredServlet.WITH_UPGRADE + ", no Content-Length nor Transfer-Encoding,"
                + " HTTP client: no complete answer within 2 s"})
    void a426CarryingUpgradeLosesItsFraming(String variant, String path, String framing, String client)
            throws Exception {
        int port = refusalsPort();
        RawHttp.Capture raw = RawHttp.capture(port, RawRequest.get(REFUSALS + path).build(), WAIT_MS);
        String[] parts = raw.text().split("\r\n\r\n", 2);
        List<String> head = parts[0].lines().skip(1)
                .filter(l -> !NOT_OF_NOTE.contains(l.substring(0, Math.max(0, l.indexOf(':'))).toLowerCase(Locale.ROOT)))
                .collect(Collectors.toList());
        boolean lengthKnown = head.stream().anyMatch(l -> l.regionMatches(true, 0, "Content-Length:", 0, 15)
                || l.regionMatches(true, 0, "Transfer-Encoding:", 0, 18));
        String seenFraming = lengthKnown ? head.stream().filter(l -> l.startsWith("Content-Length")).findFirst()
                .orElse("Transfer-Encoding") : "no Content-Length nor Transfer-Encoding";
        String seenBody = parts.length > 1 && parts[1].equals(UpgradeRequiredServlet.BODY) ? "the body follows"
                : "body: " + (parts.length > 1 ? parts[1] : "(none)");
        String seenClient = httpClient(port, path);
        // The head shows a length where there is one; only its absence needs saying.
        String outcome = parts[0].lines().findFirst().orElse("(nothing)") + "<br>" + String.join("<br>", head)
                + "<br>" + (lengthKnown ? "" : seenFraming + "; ") + seenBody + "; connection "
                + (raw.closedByServer() ? "closed by the server" : "still open after " + WAIT_MS / 1000 + " s")
                + "<br>" + seenClient;
        String expected = framing + "; the body follows; connection still open after " + WAIT_MS / 1000 + " s; " + client;
        String seen = seenFraming + "; " + seenBody + "; connection "
                + (raw.closedByServer() ? "closed by the server" : "still open after " + WAIT_MS / 1000 + " s") + "; "
                + seenClient;
        record(new CaseResult(Section.EVIDENCE.name(), kind().label(), "a servlet's 426 to a plain GET", variant,
                outcome, List.of(), List.of(), expected.equals(seen), "", Map.of()));
        assertEquals(expected, seen, () -> "what arrived:\n" + raw.text());
    }

    /** The test WAR with the refusing servlet, deployed once on the suite's GlassFish. */
    private synchronized int refusalsPort() throws Exception {
        if (refusalsPort == 0) {
            Path war = WarBuilder.create().servlet("refusals", UpgradeRequiredServlet.class, "/*")
                    .build(WorkDirs.create("glassfish-426").resolve("war"));
            refusalsPort = ((GlassFishContainer) container()).deployWar(war, REFUSALS);
        }
        return refusalsPort;
    }

    /**
     * What the JDK's HttpClient, which trusts HTTP framing, makes of the answer within the same wait. Its own
     * timeout covers the head only: without a length it reads the body until Grizzly closes the idle connection
     * (about 30 s here), so the whole answer is waited for within the bound instead.
     */
    private static String httpClient(int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + REFUSALS + path))
                .version(HttpClient.Version.HTTP_1_1).timeout(Duration.ofMillis(WAIT_MS)).build();
        CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            HttpResponse<String> response = answer.get(WAIT_MS, TimeUnit.MILLISECONDS);
            return "HTTP client: " + response.statusCode()
                    + (UpgradeRequiredServlet.BODY.equals(response.body()) ? " and the body" : " and body " + response.body());
        } catch (TimeoutException e) {
            answer.cancel(true);
            return "HTTP client: no complete answer within " + WAIT_MS / 1000 + " s";
        }
    }
}
