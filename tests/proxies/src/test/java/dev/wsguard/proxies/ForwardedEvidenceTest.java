package dev.wsguard.proxies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.fixtures.EchoEndpoint;
import dev.wsguard.testkit.fixtures.PlainTextServlet;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.war.WarBuilder;
import dev.wsguard.testkit.war.WarContainer;
import dev.wsguard.testkit.war.WarContainer.WebSocket;
import dev.wsguard.testkit.war.WarDirs;
import dev.wsguard.testkit.war.WebApp;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The standard {@code Forwarded} header (RFC 7239) as WSG03 proxy evidence on a real container: a
 * handshake whose Upgrade and Connection a proxy dropped, carrying only {@code Forwarded} as the proxy's
 * trace (no Connection: close, no X-Forwarded-*), must be blamed on the proxy with that header quoted.
 */
class ForwardedEvidenceTest {

    private static final String CONTEXT = "/app";
    /** RFC 7239's own example (section 4), quoted IPv6 with a port: quotes, brackets and ';' survive as sent. */
    private static final String FORWARDED = "for=\"[2001:db8:cafe::17]:4711\";proto=http;by=203.0.113.43";

    @ParameterizedTest(name = "{0}")
    @EnumSource(WarContainer.class)
    void forwardedHeaderIsQuotedAsTheProxysTrace(WarContainer container) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach(); WarDirs dirs = new WarDirs()) {
            Path war = WarBuilder.create().guardFilter(Map.of()).servlet("plain", PlainTextServlet.class, "/")
                    .classes(EchoEndpoint.class).build(dirs.next("forwarded"));
            RawRequest stripped = RawRequest.get(CONTEXT + "/echo")
                    .header("Forwarded", FORWARDED)
                    .header("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY)
                    .header("Sec-WebSocket-Version", "13")
                    .build();
            try (RunningServer server = container.start(WebSocket.ON, WebApp.at(CONTEXT, war));
                 RawResponse response = RawHttp.exchange(server.port(), stripped)) {
                assertEquals(200, response.status(), () -> "without Upgrade the servlet at / answers:\n" + response);
                String line = log.awaitCode("WSG03");
                String evidence = "(evidence: Forwarded: " + FORWARDED + ")";
                assertTrue(line.contains(evidence), () -> "the WSG03 line must quote exactly " + evidence
                        + " as its evidence:\n  " + line + "\nall wsguard lines:" + log.describe());
                assertTrue(line.contains("/app/echo"), () -> "the WSG03 line must name the path:\n  " + line);
            }
        }
    }
}
