package dev.wsguard.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.suite.scenarios.Guard;
import dev.wsguard.suite.scenarios.GuardMode;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.Deployment;
import dev.wsguard.testkit.server.JettyEe10Container;
import dev.wsguard.testkit.server.Loopback;
import dev.wsguard.testkit.server.WorkDirs;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/2 check (RFC 8441) against a real Jetty 12.1 speaking h2 behind a TLS front: over HTTP/1.1 the front
 * answers a page (WSG01), over h2 Jetty's WebSocket endpoint takes the extended CONNECT. The probe runs with
 * {@code --insecure} (the front's key is self-signed).
 */
class Http2ProbeTest {

    /** Jetty 12.1 ee10, the suite's app with wsguard in log mode, on one h2c connector (prior knowledge). */
    private static final class H2Jetty implements AutoCloseable {
        final Server server;
        final Path work;

        H2Jetty(boolean connectProtocol) throws Exception {
            work = WorkDirs.create("probe-h2");
            server = new Server();
            HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(new HttpConfiguration());
            h2c.setConnectProtocolEnabled(connectProtocol);
            ServerConnector connector = new ServerConnector(server, h2c);
            connector.setHost(Loopback.HOST);
            connector.setPort(0);
            server.addConnector(connector);
            server.setStopTimeout(0);
            Deployment deployment = Guard.deployment(AppSetup.STANDARD, GuardMode.LOG);
            ServletContextHandler context = JettyEe10Container.context(deployment, work, c -> { });
            server.setHandler(context);
            try {
                server.start();
            } catch (Exception e) {
                close();
                throw e;
            }
        }

        int port() {
            return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        }

        @Override
        public void close() {
            JettyEe10Container.stopQuietly(server);
            WorkDirs.deleteQuietly(work);
        }
    }

    private static String url(TlsFront front, String path) {
        return "wss://127.0.0.1:" + front.port() + AppSetup.CONTEXT_PATH + path;
    }

    @Test
    void anEndpointReachableOverH2OnlyIsReportedAsAVariant() throws Exception {
        try (H2Jetty jetty = new H2Jetty(true); TlsFront front = TlsFront.start(List.of("h2", "http/1.1"), jetty.port())) {
            ProbeRun run = ProbeRun.of("--insecure", "--timeout", "10", url(front, "/echo")).assertNoControlCharacters();
            assertEquals(2, run.exit(), run::toString);
            assertTrue(run.out().contains("WSG01 misrouted: 200"), run::toString);
            assertTrue(run.out().contains(url(front, "/echo") + " 200: over HTTP/2 (RFC 8441) the same path is"
                    + " accepted: 200"), run::toString);
            assertTrue(run.out().contains("Over HTTP/2 the server accepts a WebSocket on this very path"),
                    run::toString);

            ProbeRun json = ProbeRun.of("--json", "--insecure", "--timeout", "10", url(front, "/echo"));
            assertEquals(2, json.exit(), json::toString);
            assertTrue(json.out().contains("\"h2\":{\"alpn\":\"h2\",\"connectProtocol\":true,\"status\":200,"
                    + "\"accepted\":true,\"note\":\"over HTTP/2 (RFC 8441) the same path is accepted: 200\"}"),
                    json::toString);
            assertTrue(json.out().contains("\"works\":null"), json::toString);
        }
    }

    @Test
    void anOrdinaryResourceOverH2IsNoAcceptance() throws Exception {
        try (H2Jetty jetty = new H2Jetty(true); TlsFront front = TlsFront.start(List.of("h2", "http/1.1"), jetty.port())) {
            ProbeRun json = ProbeRun.of("--json", "--insecure", "--timeout", "10", url(front, "/echo2"))
                    .assertNoControlCharacters();
            assertEquals(2, json.exit(), json::toString);
            assertTrue(json.out().contains("\"h2\":{\"alpn\":\"h2\",\"connectProtocol\":true,\"status\":200,"
                    + "\"accepted\":false,\"note\":\"over HTTP/2 (RFC 8441) an ordinary resource answered 200"),
                    json::toString);
        }
    }

    @Test
    void h2WithoutExtendedConnectIsSaid() throws Exception {
        try (H2Jetty jetty = new H2Jetty(false); TlsFront front = TlsFront.start(List.of("h2", "http/1.1"), jetty.port())) {
            ProbeRun run = ProbeRun.of("--insecure", "--timeout", "10", url(front, "/echo")).assertNoControlCharacters();
            assertEquals(2, run.exit(), run::toString);
            assertTrue(run.out().contains("HTTP/2            the server speaks h2 without extended CONNECT"),
                    run::toString);
        }
    }

    @Test
    void aServerWithoutH2IsSaid() throws Exception {
        try (TlsFront front = TlsFront.start(List.of("http/1.1"), 1)) {
            ProbeRun json = ProbeRun.of("--json", "--insecure", "--timeout", "10", url(front, "/echo"))
                    .assertNoControlCharacters();
            assertEquals(2, json.exit(), json::toString);
            assertTrue(json.out().contains("\"h2\":{\"alpn\":null,\"connectProtocol\":null,\"status\":null,"
                    + "\"accepted\":false,\"note\":\"the server does not offer h2 (ALPN)\"}"), json::toString);
        }
    }

    /**
     * A hostile h2 server behind the front: SETTINGS enabling extended CONNECT, then a HEADERS frame on the probe's
     * stream whose HPACK block indexes past every table: reported as not understood, never thrown.
     */
    @Test
    void aGarbledH2AnswerIsNotUnderstoodNeverACrash() throws Exception {
        try (java.net.ServerSocket raw = new java.net.ServerSocket(0, 4, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (java.net.Socket s = raw.accept()) {
                    s.setSoTimeout(10_000);
                    s.getInputStream().readNBytes(24 + 9);
                    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                    H2Check.frame(out, 0x4, 0, 0, new byte[] {0, 0x8, 0, 0, 0, 1});
                    H2Check.frame(out, 0x1, 0x4, 1, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f});
                    s.getOutputStream().write(out.toByteArray());
                    s.getOutputStream().flush();
                    s.getInputStream().readNBytes(4096);
                } catch (java.io.IOException e) {
                    // The probe closed its side.
                }
            }, "garbled-h2");
            t.setDaemon(true);
            t.start();
            try (TlsFront front = TlsFront.start(List.of("h2", "http/1.1"), raw.getLocalPort())) {
                ProbeRun json = ProbeRun.of("--json", "--insecure", "--timeout", "10", url(front, "/echo"))
                        .assertNoControlCharacters();
                assertEquals(2, json.exit(), json::toString);
                assertTrue(json.out().contains("\"h2\":{\"alpn\":\"h2\",\"connectProtocol\":true,\"status\":null,"
                        + "\"accepted\":false,\"note\":\"h2 answer not understood: a header field with index"),
                        json::toString);
            }
        }
    }
}
