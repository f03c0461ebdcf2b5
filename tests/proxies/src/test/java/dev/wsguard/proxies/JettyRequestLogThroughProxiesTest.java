package dev.wsguard.proxies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.diagnosis.Messages;
import dev.wsguard.jetty.BeforeFiltersRequestLog;
import dev.wsguard.suite.scenarios.Guard;
import dev.wsguard.suite.scenarios.GuardMode;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.JettyEe10Container;
import dev.wsguard.testkit.server.WorkDirs;
import dev.wsguard.testkit.tools.HaproxyProxy;
import dev.wsguard.testkit.tools.NginxProxy;
import dev.wsguard.testkit.tools.ReverseProxy;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/**
 * The half fixes through real proxies to Jetty 12.1, which answers them 400 at its connector before any filter:
 * with wsguard's request log installed on the server, the 400 gets its WSG03 all the same (issue 15, part 4).
 */
class JettyRequestLogThroughProxiesTest {

    private static final String ECHO = AppSetup.CONTEXT_PATH + "/echo";

    /** Proxies with {@code proxy} in front of a Jetty with wsguard's filter and its request log; the line logged. */
    private static String wsg03Through(ReverseProxyTest.ProxyStarter proxy) throws Exception {
        Path work = WorkDirs.create("jetty-request-log");
        Server server = JettyEe10Container.newServer();
        try (GuardLogCapture log = GuardLogCapture.attach()) {
            server.setHandler(JettyEe10Container.context(Guard.deployment(AppSetup.STANDARD, GuardMode.LOG), work,
                    c -> { }));
            server.setRequestLog(new BeforeFiltersRequestLog());
            server.start();
            try (ReverseProxy through = proxy.start(JettyEe10Container.port(server));
                 RawResponse response = RawHttp.exchange(through.port(), RawRequest.validUpgrade(ECHO))) {
                assertEquals(400, response.status(), response::head);
                assertTrue(response.bodyText().contains("Invalid h2c upgrade headers"), response::bodyText);
                return log.awaitCode("WSG03");
            }
        } finally {
            JettyEe10Container.stopQuietly(server);
            WorkDirs.deleteQuietly(work);
        }
    }

    @Test
    void nginxForwardingUpgradeWithConnectionCloseGetsNginxsWholeFix() throws Exception {
        String line = wsg03Through(port -> NginxProxy.start(NginxProxy.Config.UPGRADE_ONLY, port));
        assertTrue(line.contains("arrived with 'Upgrade: websocket' but 'Connection: close' instead of 'Connection:"
                + " Upgrade' yet with Sec-WebSocket-* headers and was answered 400 by Jetty before any filter"), line);
        assertTrue(line.endsWith("likely nginx, which forwards neither Upgrade nor Connection unless its location sets"
                + " them (evidence: Connection: close; X-Forwarded-For: 127.0.0.1; X-Real-IP: 127.0.0.1). Fix the nginx"
                + " location: " + Messages.NGINX_LOCATION_FIX), line);
    }

    @Test
    void haproxyDeletingConnectionGetsTheGeneralAdvice() throws Exception {
        String line = wsg03Through(port -> HaproxyProxy.start(HaproxyProxy.Config.STRIPPING, port));
        assertTrue(line.contains("arrived with 'Upgrade: websocket' but without a Connection header yet with"
                + " Sec-WebSocket-* headers and was answered 400 by Jetty before any filter"), line);
        assertTrue(line.contains("HAProxy forwards upgrades in mode http, so remove any rule that deletes Upgrade or"
                + " Connection"), line);
    }
}
