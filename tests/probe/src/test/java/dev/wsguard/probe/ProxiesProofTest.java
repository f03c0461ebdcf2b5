package dev.wsguard.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.suite.scenarios.Guard;
import dev.wsguard.suite.scenarios.GuardMode;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.tools.ApacheHttpdProxy;
import dev.wsguard.testkit.tools.HaproxyProxy;
import dev.wsguard.testkit.tools.NginxProxy;
import dev.wsguard.testkit.tools.ReverseProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The probe through a real nginx, HAProxy and Apache httpd (child processes on 127.0.0.1, the test kit's configs) in
 * front of the suite's STANDARD app: on Jetty 12.1 with wsguard in log mode, where the client sees what the backend
 * answered the handshake as the proxy forwarded it, and on Tomcat 11 with wsguard in enforce mode, where the
 * application's wsguard says in {@code WSGuard-Code} that a hop stripped the handshake (WSG03). The backends start once
 * for the class, each proxy once for its test.
 */
// The kit's proxies stop in close(), which may be interrupted (InterruptedException): try-with-resources is still the
// way to stop them, and every test here declares it.
@SuppressWarnings("try")
class ProxiesProofTest {

    private static RunningServer jetty;
    private static RunningServer tomcatEnforcing;

    @BeforeAll
    static void startBackends() throws Exception {
        jetty = ContainerKind.JETTY_12_1.newAdapter().start(Guard.deployment(AppSetup.STANDARD, GuardMode.LOG));
        tomcatEnforcing = ContainerKind.TOMCAT_11.newAdapter()
                .start(Guard.deployment(AppSetup.STANDARD, GuardMode.ENFORCE));
    }

    @AfterAll
    static void stopBackends() {
        if (jetty != null) {
            jetty.close();
        }
        if (tomcatEnforcing != null) {
            tomcatEnforcing.close();
        }
    }

    private static String echo(ReverseProxy proxy) {
        return "ws://127.0.0.1:" + proxy.port() + AppSetup.CONTEXT_PATH + "/echo";
    }

    private static Probed works(ReverseProxy proxy) {
        Probed probed = Probed.probe(echo(proxy), "--send", "through the proxy").assertWorks();
        assertEquals("through the proxy", probed.string("echo"), () -> probed + "\n" + proxy.errorLog());
        return probed;
    }

    /** Who answered, as the probe names it: the proxy's own Server header. */
    private static void answeredBy(Probed probed, String product) {
        assertTrue(probed.strings("answeredBy").stream().anyMatch(who -> who.contains(product)),
                () -> "answered by " + product + ": " + probed);
    }

    /**
     * nginx with proxy_pass alone forwards the handshake as HTTP/1.0 without Upgrade: the backend's servlet answers 200
     * and nginx relays it (docs/scenarios.md S6b). WSG01, exit 2, nginx named as what answered. The path is right here:
     * the fix must not send the user to the path alone, but name nginx's WebSocket lines, which the probe knows (it
     * named nginx by its Server header, and the filter has nginx's fix).
     */
    @Test
    void nginxProxyPassAloneIsWsg01WithNginxsFix() throws Exception {
        try (NginxProxy nginx = NginxProxy.start(NginxProxy.Config.DEFAULT, jetty.port())) {
            Probed probed = Probed.probe(echo(nginx)).assertVerdict(2, "misrouted", "WSG01", 200);
            answeredBy(probed, "nginx");
            probed.assertFixContains(NGINX_FIX);
        }
    }

    /**
     * nginx with HTTP/1.1 and the usual forwarding headers, no Upgrade/Connection (S6): the same 200, WSG01, exit 2,
     * and nginx's fix.
     */
    @Test
    void nginxNaiveIsWsg01WithNginxsFix() throws Exception {
        try (NginxProxy nginx = NginxProxy.start(NginxProxy.Config.NAIVE, jetty.port())) {
            Probed probed = Probed.probe(echo(nginx)).assertVerdict(2, "misrouted", "WSG01", 200);
            answeredBy(probed, "nginx");
            probed.assertFixContains(NGINX_FIX);
        }
    }

    /** What nginx needs to forward a handshake, as wsguard's WSG03 words it (the probe prints it for WSG03). */
    private static final String NGINX_FIX = "proxy_set_header Upgrade $http_upgrade";

    /**
     * The same nginx in front of an enforcing wsguard: the application's wsguard sees the handshake without Upgrade and
     * answers 426 with {@code WSGuard-Code: WSG03}; the probe reports WSG03 (exit 2) and says a proxy strips the
     * headers.
     */
    @Test
    void nginxNaiveBeforeAnEnforcingWsguardIsWsg03() throws Exception {
        try (NginxProxy nginx = NginxProxy.start(NginxProxy.Config.NAIVE, tomcatEnforcing.port())) {
            Probed probed = Probed.probe(echo(nginx)).assertVerdict(2, "misrouted", "WSG03", 426)
                    .assertFixContains("a proxy on the way strips them");
            assertEquals("WSG03", probed.header("WSGuard-Code"), probed::toString);
            answeredBy(probed, "nginx");
        }
    }

    /** nginx's documented WebSocket config: 101 through it, echo and all. */
    @Test
    void nginxWebSocketConfigWorks() throws Exception {
        try (NginxProxy nginx = NginxProxy.start(NginxProxy.Config.WEBSOCKET, jetty.port())) {
            works(nginx);
        }
    }

    /** HAProxy in mode http forwards upgrades by itself: 101 through it. */
    @Test
    void haproxyDefaultWorks() throws Exception {
        try (HaproxyProxy haproxy = HaproxyProxy.start(HaproxyProxy.Config.DEFAULT, jetty.port())) {
            works(haproxy);
        }
    }

    /**
     * HAProxy with a rule deleting Connection: Jetty gets Upgrade without {@code Connection: Upgrade} and answers 400 at
     * its connector, before any filter (S6d). To the client a correct handshake got a 400: WSG08 (another 4xx),
     * misrouted, exit 2; the probe cannot see that a hop stripped a header, and nothing answers 101 nearby.
     */
    @Test
    void haproxyStrippingConnectionBeforeJettyIsWsg08() throws Exception {
        try (HaproxyProxy haproxy = HaproxyProxy.start(HaproxyProxy.Config.STRIPPING, jetty.port())) {
            Probed.probe(echo(haproxy)).assertVerdict(2, "misrouted", "WSG08", 400).assertNoVariantWorked();
        }
    }

    /** The same HAProxy in front of an enforcing wsguard on Tomcat: wsguard's 426 with WSG03, reported as such. */
    @Test
    void haproxyStrippingConnectionBeforeAnEnforcingWsguardIsWsg03() throws Exception {
        try (HaproxyProxy haproxy = HaproxyProxy.start(HaproxyProxy.Config.STRIPPING, tomcatEnforcing.port())) {
            Probed.probe(echo(haproxy)).assertVerdict(2, "misrouted", "WSG03", 426)
                    .assertFixContains("a proxy on the way strips them");
        }
    }

    /**
     * Apache httpd with ProxyPass alone forwards the handshake without Upgrade: the servlet's 200, relayed (S6c).
     * WSG01, exit 2. httpd passes the backend's {@code Server} header on and adds nothing of its own to the answer (no
     * {@code Via} by default), so the client cannot tell a proxy answered: the probe's path advice is all it can give,
     * and only the exit code and code are asserted.
     */
    @Test
    void apacheProxyPassAloneIsWsg01() throws Exception {
        try (ApacheHttpdProxy httpd = ApacheHttpdProxy.start(ApacheHttpdProxy.Config.NAIVE, jetty.port())) {
            Probed.probe(echo(httpd)).assertVerdict(2, "misrouted", "WSG01", 200);
        }
    }

    /** Apache httpd's documented {@code upgrade=websocket}: 101 through it. */
    @Test
    void apacheWebSocketConfigWorks() throws Exception {
        try (ApacheHttpdProxy httpd = ApacheHttpdProxy.start(ApacheHttpdProxy.Config.WEBSOCKET, jetty.port())) {
            works(httpd);
        }
    }
}
