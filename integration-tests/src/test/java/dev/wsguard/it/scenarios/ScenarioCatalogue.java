package dev.wsguard.it.scenarios;

import static dev.wsguard.it.containers.ContainerKind.JETTY_12_1_EE10;
import static dev.wsguard.it.containers.ContainerKind.TOMCAT_11;

import dev.wsguard.it.app.LoginRequiredFilter;
import dev.wsguard.it.client.RawRequest;
import dev.wsguard.it.containers.AppSetup;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Rows S1-S16 of SCENARIOS.md as data. Container answers are what Jetty 12.1.14 ee10 and Tomcat 11.0.27
 * really sent over raw sockets in this harness ({@code ContainerBaselineTest} re-checks every one of them
 * on each run); where that differs from SCENARIOS.md the answer says so
 * ({@link ContainerAnswer#differenceFromScenariosMd()}).
 */
public final class ScenarioCatalogue {

    private static final String ECHO = AppSetup.CONTEXT_PATH + "/echo";

    private static final List<Scenario> ROWS = List.of(
            Scenario.row("S1", "valid upgrade to the /echo endpoint")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.validUpgrade(ECHO))
                    .on(JETTY_12_1_EE10, jettyUpgraded().notReachingFilters())
                    .on(TOMCAT_11, tomcatUpgraded())
                    .build(),

            Scenario.row("S2", "valid upgrade to /echo2 (typo); a plain servlet at / answers")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.validUpgrade(AppSetup.CONTEXT_PATH + "/echo2"))
                    .rejects("WSG01", EnforceAction.REJECT_400)
                    .on(JETTY_12_1_EE10, plainText200())
                    .on(TOMCAT_11, plainText200())
                    .build(),

            Scenario.row("S3", "valid upgrade to /chat; an SPA fallback at /* answers")
                    .setup(AppSetup.SPA_FALLBACK)
                    .request(RawRequest.validUpgrade(AppSetup.CONTEXT_PATH + "/chat"))
                    .rejects("WSG01", EnforceAction.REJECT_400)
                    .on(JETTY_12_1_EE10, html200())
                    .on(TOMCAT_11, html200())
                    .build(),

            Scenario.row("S4", "valid upgrade to /echo2; only the container's default servlet")
                    .setup(AppSetup.DEFAULT_SERVLET_ONLY)
                    .request(RawRequest.validUpgrade(AppSetup.CONTEXT_PATH + "/echo2"))
                    .logs("WSG02")
                    .on(JETTY_12_1_EE10, jettyErrorPage(404))
                    .on(TOMCAT_11, tomcatErrorPage(404))
                    .build(),

            Scenario.row("S5", "valid upgrade to /echo; WebSocket support never initialised")
                    .setup(AppSetup.NO_WEBSOCKET)
                    .request(RawRequest.validUpgrade(ECHO))
                    .startupCode("WSG10")
                    .rejects("WSG01", EnforceAction.REJECT_400)
                    .on(JETTY_12_1_EE10, plainText200())
                    .on(TOMCAT_11, plainText200())
                    .build(),

            Scenario.row("S6", "the valid upgrade as a plain proxy_pass nginx forwards it (no Upgrade, Connection: close)")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.get(ECHO)
                            .header("X-Real-IP", "127.0.0.1")
                            .header("X-Forwarded-For", "127.0.0.1")
                            .header("Connection", "close")
                            .header("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY)
                            .header("Sec-WebSocket-Version", "13")
                            .build())
                    .rejects("WSG03", EnforceAction.REJECT_426)
                    .on(JETTY_12_1_EE10, plainText200().with(HeaderRule.exact("Connection", "close")))
                    .on(TOMCAT_11, plainText200().with(HeaderRule.exact("Connection", "close")))
                    .build(),

            Scenario.row("S7", "key and version 13, no Upgrade, no Connection")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.validUpgrade(ECHO).without("Upgrade").without("Connection"))
                    .rejects("WSG03", EnforceAction.REJECT_426)
                    .on(JETTY_12_1_EE10, plainText200())
                    .on(TOMCAT_11, plainText200())
                    .build(),

            Scenario.row("S8a", "upgrade with Sec-WebSocket-Version: 8")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.validUpgrade(ECHO).with("Sec-WebSocket-Version", "8"))
                    .rejects("WSG05", EnforceAction.REJECT_426_VERSION)
                    .on(JETTY_12_1_EE10, plainText200())
                    .on(TOMCAT_11, tomcat426())
                    .build(),

            Scenario.row("S8b", "upgrade without Sec-WebSocket-Version")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.validUpgrade(ECHO).without("Sec-WebSocket-Version"))
                    .rejects("WSG05", EnforceAction.REJECT_426_VERSION)
                    .on(JETTY_12_1_EE10, plainText200())
                    .on(TOMCAT_11, tomcat426())
                    .build(),

            Scenario.row("S9", "upgrade without Sec-WebSocket-Key")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.validUpgrade(ECHO).without("Sec-WebSocket-Key"))
                    .rejects("WSG04", EnforceAction.REJECT_400)
                    // Jetty's upgrade filter answers with its error page: "Missing request header 'Sec-WebSocket-Key'".
                    .on(JETTY_12_1_EE10, jettyErrorPage(400).notReachingFilters())
                    .on(TOMCAT_11, tomcatErrorPage(400).with(HeaderRule.exact("Connection", "close")))
                    .build(),

            Scenario.row("S10a", "upgrade whose key is not 16 bytes of base64")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.validUpgrade(ECHO).with("Sec-WebSocket-Key", "c2hvcnQ="))
                    .rejects("WSG04", EnforceAction.REJECT_400)
                    .on(JETTY_12_1_EE10, jettyUpgradedAnyKey().notReachingFilters())
                    .on(TOMCAT_11, tomcatErrorPage(400).with(HeaderRule.exact("Connection", "close")))
                    .build(),

            Scenario.row("S10b", "upgrade with two Sec-WebSocket-Key headers")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.validUpgrade(ECHO).toBuilder()
                            .header("Sec-WebSocket-Key", "AQIDBAUGBwgJCgsMDQ4PEA==").build())
                    .rejects("WSG04", EnforceAction.REJECT_400)
                    .on(JETTY_12_1_EE10, jettyUpgradedAnyKey().notReachingFilters())
                    .on(TOMCAT_11, tomcatUpgraded())
                    .build(),

            Scenario.row("S11", "POST with all upgrade headers")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.request("POST", ECHO, "HTTP/1.1")
                            .header("Host", RawRequest.AUTHORITY)
                            .header("Upgrade", "websocket")
                            .header("Connection", "Upgrade")
                            .header("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY)
                            .header("Sec-WebSocket-Version", "13")
                            .header("Content-Length", "0")
                            .build())
                    .rejects("WSG04", EnforceAction.REJECT_400)
                    .on(JETTY_12_1_EE10, plainText200())
                    .on(TOMCAT_11, plainText200())
                    .build(),

            Scenario.row("S12", "HTTP/1.0 upgrade")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.request("GET", ECHO, "HTTP/1.0")
                            .header("Host", RawRequest.AUTHORITY)
                            .header("Upgrade", "websocket")
                            .header("Connection", "Upgrade")
                            .header("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY)
                            .header("Sec-WebSocket-Version", "13")
                            .build())
                    .rejects("WSG04", EnforceAction.REJECT_400)
                    .on(JETTY_12_1_EE10, plainText200())
                    // Tomcat upgrades an HTTP/1.0 request, answering with Connection: upgrade and Connection: close.
                    .on(TOMCAT_11, tomcatUpgraded().with(HeaderRule.hasToken("Connection", "close")))
                    .build(),

            Scenario.row("S13", "valid upgrade with Connection: keep-alive, Upgrade (Firefox)")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.validUpgrade(ECHO).with("Connection", "keep-alive, Upgrade"))
                    .on(JETTY_12_1_EE10, jettyUpgraded().notReachingFilters())
                    .on(TOMCAT_11, tomcatUpgraded())
                    .build(),

            Scenario.row("S14", "valid upgrade with Upgrade: WebSocket (mixed case)")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.validUpgrade(ECHO).with("Upgrade", "WebSocket"))
                    .on(JETTY_12_1_EE10, jettyUpgraded().notReachingFilters())
                    .on(TOMCAT_11, tomcatUpgraded())
                    .build(),

            Scenario.row("S15", "plain GET to the /echo endpoint path (plain-requests default: log)")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.get(ECHO).build())
                    .logs("WSG06")
                    .on(JETTY_12_1_EE10, plainText200())
                    .on(TOMCAT_11, plainText200())
                    .build(),

            Scenario.row("S15r", "plain GET to the /echo endpoint path, plain-requests=reject")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.get(ECHO).build())
                    .guardParam("plain-requests", "reject")
                    .rejects("WSG06", EnforceAction.REJECT_426)
                    .on(JETTY_12_1_EE10, plainText200())
                    .on(TOMCAT_11, plainText200())
                    .build(),

            Scenario.row("S16a", "valid upgrade to /secure/echo; login filter answers 302")
                    .setup(AppSetup.SECURED)
                    .request(RawRequest.validUpgrade(AppSetup.CONTEXT_PATH + "/secure/echo"))
                    .logs("WSG07")
                    .on(JETTY_12_1_EE10, jettyUpgraded().notReachingFilters().differsFromScenariosMd(
                            "SCENARIOS.md: 302. Jetty's WebSocketUpgradeFilter runs before every application"
                                    + " filter and upgrades: the login filter never runs (101, echo works)."))
                    .on(TOMCAT_11, loginRedirect())
                    .build(),

            Scenario.row("S16b", "valid upgrade to /secure/echo; login filter answers 401")
                    .setup(AppSetup.SECURED_BASIC)
                    .request(RawRequest.validUpgrade(AppSetup.CONTEXT_PATH + "/secure/echo"))
                    .logs("WSG07")
                    .on(JETTY_12_1_EE10, jettyUpgraded().notReachingFilters().differsFromScenariosMd(
                            "SCENARIOS.md: 401. As S16a: Jetty upgrades before the login filter can run."))
                    .on(TOMCAT_11, loginChallenge())
                    .build(),

            Scenario.row("S16c", "valid upgrade to /secure/page (no endpoint); login filter answers 302")
                    .setup(AppSetup.SECURED)
                    .request(RawRequest.validUpgrade(AppSetup.CONTEXT_PATH + "/secure/page"))
                    .logs("WSG07")
                    .on(JETTY_12_1_EE10, loginRedirect())
                    .on(TOMCAT_11, loginRedirect())
                    .build(),

            Scenario.row("S16d", "valid upgrade to /secure/page (no endpoint); login filter answers 401")
                    .setup(AppSetup.SECURED_BASIC)
                    .request(RawRequest.validUpgrade(AppSetup.CONTEXT_PATH + "/secure/page"))
                    .logs("WSG07")
                    .on(JETTY_12_1_EE10, loginChallenge())
                    .on(TOMCAT_11, loginChallenge())
                    .build());

    private ScenarioCatalogue() {
    }

    public static List<Scenario> rows() {
        return ROWS;
    }

    public static Scenario row(String id) {
        return ROWS.stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException(id));
    }

    // Container answers, as observed. Jetty writes charset names in lower case; Tomcat keeps them.

    private static ContainerAnswer answer(int status, HeaderRule... headers) {
        return new ContainerAnswer(status, List.of(headers), true, "");
    }

    private static ContainerAnswer plainText200() {
        return answer(200, HeaderRule.ignoringCase("Content-Type", "text/plain;charset=UTF-8"));
    }

    private static ContainerAnswer html200() {
        return answer(200, HeaderRule.ignoringCase("Content-Type", "text/html;charset=UTF-8"));
    }

    private static ContainerAnswer jettyUpgraded() {
        return answer(101, HeaderRule.exact("Upgrade", "websocket"), HeaderRule.exact("Connection", "Upgrade"),
                HeaderRule.exact("Sec-WebSocket-Accept", RawRequest.SAMPLE_ACCEPT));
    }

    /** Jetty upgrades with whatever key it got (and a matching accept), so only the upgrade is checked. */
    private static ContainerAnswer jettyUpgradedAnyKey() {
        return answer(101, HeaderRule.exact("Upgrade", "websocket"), HeaderRule.exact("Connection", "Upgrade"));
    }

    private static ContainerAnswer tomcatUpgraded() {
        return answer(101, HeaderRule.exact("Upgrade", "websocket"), HeaderRule.hasToken("Connection", "upgrade"),
                HeaderRule.exact("Sec-WebSocket-Accept", RawRequest.SAMPLE_ACCEPT));
    }

    /** Tomcat's 426 for a version other than 13: no Upgrade header, empty body. */
    private static ContainerAnswer tomcat426() {
        return answer(426, HeaderRule.exact("Sec-WebSocket-Version", "13"), HeaderRule.exact("Content-Length", "0"));
    }

    private static ContainerAnswer jettyErrorPage(int status) {
        return answer(status, HeaderRule.exact("Content-Type", "text/html;charset=iso-8859-1"));
    }

    private static ContainerAnswer tomcatErrorPage(int status) {
        return answer(status, HeaderRule.exact("Content-Type", "text/html;charset=utf-8"));
    }

    private static ContainerAnswer loginRedirect() {
        return answer(302, HeaderRule.exact("Location", AppSetup.CONTEXT_PATH + "/login"));
    }

    private static ContainerAnswer loginChallenge() {
        return answer(401, HeaderRule.exact("WWW-Authenticate", LoginRequiredFilter.CHALLENGE));
    }
}
