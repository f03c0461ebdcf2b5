package dev.wsguard.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.diagnosis.DiagnosisCode;
import dev.wsguard.handshake.ProxyFingerprint;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison's cases on reports built by hand, and --direct's command line. */
class ComparisonTest {

    private static Report works(String url) {
        Report r = new Report();
        r.url(url);
        r.verdict = Verdict.WORKS;
        r.status = 101;
        return r;
    }

    private static Report answered(String url, int status, DiagnosisCode code) {
        Report r = new Report();
        r.url(url);
        r.status = status;
        r.code = code;
        r.verdict = code == DiagnosisCode.WSG07 ? Verdict.REFUSED : Verdict.MISROUTED;
        return r;
    }

    @Test
    void theBackendsLineNamesThePathItReceived() throws Exception {
        assertEquals("/app/ws/echo", Comparison.receivedPath("WSG02 WebSocket upgrade GET /app/ws/echo?x=1 from 1.2.3.4"
                + " was answered 404"));
        assertEquals("/a", Comparison.receivedPath("WSG03 WebSocket handshake GET /a, then"));
        assertNull(Comparison.receivedPath("WSG03 WebSocket handshake incomplete"));
        assertNull(Comparison.receivedPath(null));

        Report proxied = answered("ws://proxy/ws/echo", 400, DiagnosisCode.WSG01);
        proxied.header("WSGuard-Code", "WSG01");
        proxied.serverAnswer("WSG01 WebSocket handshake refused\nWSG01 WebSocket upgrade GET /app/ws/echo from 127.0.0.1"
                + " was answered 200\n");
        Comparison.Result c = Comparison.compare(proxied, Target.parse("ws://proxy/ws/echo"),
                works("ws://backend/app/echo"));
        assertEquals("/app/ws/echo", c.forwardedPath());
        assertTrue(c.verdict().startsWith("works directly (101), not through the proxy (400 WSG01): the backend"
                + " received /app/ws/echo, not /ws/echo: the proxy forwards to another path."), c.verdict());
        assertEquals(List.of(), c.dropped());
    }

    @Test
    void withoutTheBackendsWsguardA200ThroughTheProxyIsANotForwardedUpgrade() throws Exception {
        Report proxied = answered("ws://proxy/echo", 200, DiagnosisCode.WSG01);
        proxied.proxy = ProxyFingerprint.APACHE_HTTPD;
        proxied.proxyEvidence = "Server: Apache/2.4.62";
        Comparison.Result c = Comparison.compare(proxied, Target.parse("ws://proxy/echo"), works("ws://b/echo"));
        assertNull(c.backendCode());
        assertTrue(c.differs());
        assertEquals("Apache httpd (Server: Apache/2.4.62)", c.proxy());
        assertTrue(c.verdict().startsWith("works directly (101), not through the proxy (200 WSG01) (its Server:"
                + " Apache/2.4.62): the proxy does not forward the upgrade, or forwards to another path: fix the proxy."
                + " Fix Apache httpd (2.4.47 or newer): add upgrade=websocket"), c.verdict());
    }

    @Test
    void bothFailingPointsAtTheBackendAndBothWorkingAtNothing() throws Exception {
        Target t = Target.parse("ws://proxy/echo");
        Comparison.Result fail = Comparison.compare(answered("ws://proxy/echo", 404, DiagnosisCode.WSG02), t,
                answered("ws://b/echo", 404, DiagnosisCode.WSG02));
        assertTrue(fail.verdict().startsWith("fails directly too (404 WSG02;"), fail.verdict());
        Comparison.Result ok = Comparison.compare(works("ws://proxy/echo"), t, works("ws://b/echo"));
        assertTrue(ok.verdict().startsWith("works directly (101) and through the proxy (101)"), ok.verdict());
        Report down = new Report();
        down.url("ws://b/echo");
        down.verdict = Verdict.UNREACHABLE;
        down.detail("connection refused");
        Comparison.Result unreachable = Comparison.compare(works("ws://proxy/echo"), t, down);
        assertTrue(unreachable.verdict().startsWith("the backend could not be probed directly (unreachable:"
                + " connection refused)"), unreachable.verdict());
    }

    @Test
    void aWrongDirectUrlIsAUsageError() {
        ProbeRun run = ProbeRun.of("--direct", "ftp://x/", "ws://127.0.0.1:1/");
        assertEquals(64, run.exit(), run::toString);
        assertTrue(run.err().contains("--direct: the URL must start with ws://"), run::toString);
        ProbeRun twice = ProbeRun.of("--direct", "ws://a/", "--direct", "ws://b/", "ws://127.0.0.1:1/");
        assertEquals(64, twice.exit(), twice::toString);
    }
}
