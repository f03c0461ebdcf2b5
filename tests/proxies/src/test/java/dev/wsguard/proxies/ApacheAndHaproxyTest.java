package dev.wsguard.proxies;

import static dev.wsguard.testkit.log.LineAssertions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.suite.scenarios.Guard;
import dev.wsguard.suite.scenarios.GuardMode;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.log.Marker;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.tools.ApacheHttpdProxy;
import dev.wsguard.testkit.tools.HaproxyProxy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * WSG03 through a real Apache httpd and a real HAProxy: httpd's headers name it (its X-Forwarded-Server), so the line
 * gives httpd's fix alone, and that fix, applied as it reads, is the config that works (ReverseProxyTest proves it
 * upgrades and echoes); HAProxy adds nothing of its own, so a rule that deletes Connection gets the general advice,
 * whose HAProxy sentence names that rule.
 */
class ApacheAndHaproxyTest {

    private static final String ECHO = AppSetup.CONTEXT_PATH + "/echo";

    /** Apache httpd's cause and fix, as WSG03 words them where httpd's headers show. */
    private static final String[] APACHE_CAUSE_AND_FIX = {
        ": likely Apache httpd, whose mod_proxy_http forwards no upgrade unless its ProxyPass line asks for one"
                + " (evidence: X-Forwarded-For: 127.0.0.1; X-Forwarded-Host: 127.0.0.1:",
        "; X-Forwarded-Server: 127.0.0.1). Fix Apache httpd (2.4.47 or newer): add upgrade=websocket to the end of the"
                + " ProxyPass line that forwards this path (older: mod_proxy_wstunnel)."};

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.wsguard.proxies.ReverseProxyTest#containers")
    void apacheWithProxyPassAloneIsNamedWithItsFixOnly(ContainerKind container) throws Exception {
        for (GuardMode mode : new GuardMode[] {GuardMode.LOG, GuardMode.ENFORCE}) {
            try (GuardLogCapture log = GuardLogCapture.attach();
                 RunningServer server = container.newAdapter().start(Guard.deployment(AppSetup.STANDARD, mode));
                 ApacheHttpdProxy httpd = ApacheHttpdProxy.start(ApacheHttpdProxy.Config.NAIVE, server.port());
                 RawResponse response = RawHttp.exchange(httpd.port(), RawRequest.validUpgrade(ECHO))) {
                boolean enforce = mode == GuardMode.ENFORCE;
                assertEquals(enforce ? 426 : 200, response.status(), () -> mode + "\n" + response.head());
                assertEquals(enforce ? "WSG03" : "(none)", response.header("WSGuard-Code").orElse("(none)"),
                        response::head);
                String line = ReverseProxyTest.onlyRequestLine(log, "WSG03", server);
                assertMentions(log, "WSG03", line, "arrived without 'Upgrade: websocket' and 'Connection: Upgrade'");
                assertMentions(log, "WSG03", line, APACHE_CAUSE_AND_FIX);
                assertFalse(line.contains("nginx") || line.contains("HAProxy"), line);
            }
        }
    }

    /** The fix as the line words it, applied to the naive config, is the documented config that works. */
    @Test
    void apachesFixAppliedAsWordedIsTheConfigThatWorks() {
        String naive = ApacheHttpdProxy.Config.NAIVE.locationLines();
        String fixed = naive.replaceFirst("(?m)^(ProxyPass .*)$", "$1 upgrade=websocket");
        assertTrue(fixed.contains(" upgrade=websocket\n"), fixed);
        assertEquals(ApacheHttpdProxy.Config.WEBSOCKET.locationLines(), fixed);
    }

    /**
     * HAProxy with a rule deleting Connection: Upgrade arrives alone. Tomcat lets it reach wsguard, which gives the
     * general advice (HAProxy adds no header of its own to tell it by); Jetty 12.1 answers 400 at its connector
     * before any filter (docs/troubleshooting.md#wsg03 says so), so the client sees a 400 and wsguard nothing.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.wsguard.proxies.ReverseProxyTest#containers")
    void haproxyDeletingConnectionGetsTheGeneralAdviceWithItsRule(ContainerKind container) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach();
             RunningServer server = container.newAdapter().start(Guard.deployment(AppSetup.STANDARD, GuardMode.LOG));
             HaproxyProxy haproxy = HaproxyProxy.start(HaproxyProxy.Config.STRIPPING, server.port());
             RawResponse response = RawHttp.exchange(haproxy.port(), RawRequest.validUpgrade(ECHO))) {
            assertEquals(400, response.status(), response::head);
            if (container == ContainerKind.JETTY_12_1) {
                assertEquals(List.of(), log.requestLinesBefore(Marker.at(server.port(), server.contextPath()), 0),
                        "Jetty answered before any filter");
                return;
            }
            String line = ReverseProxyTest.onlyRequestLine(log, "WSG03", server);
            assertMentions(log, "WSG03", line, "arrived with 'Upgrade: websocket' but without a Connection header",
                    "most likely by a reverse proxy (evidence: X-Forwarded-For: 127.0.0.1)",
                    "HAProxy forwards upgrades in mode http, so remove any rule that deletes Upgrade or Connection");
            assertFalse(line.contains("likely Apache") || line.contains("likely nginx"), line);
        }
    }
}
