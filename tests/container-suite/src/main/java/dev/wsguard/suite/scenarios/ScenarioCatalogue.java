package dev.wsguard.suite.scenarios;

import dev.wsguard.testkit.fixtures.LoginRequiredFilter;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.fixtures.javax.LegacyEndpoint;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Rows S1-S17 of docs/scenarios.md as data (S18 is {@link TyrusServletCombinations}), with what every container really answers to each (observed over raw
 * sockets; {@code ScenarioContract.containerAnswersAsCatalogued} re-checks every answer on every run, in each
 * container's module). Where an answer differs from docs/scenarios.md (which records Jetty 12.1 and Tomcat 11) it
 * says so ({@link ContainerAnswer#differenceFromReference()}); where a row cannot run on a container it says
 * why ({@code notOn}). This is the only place where the suite knows how containers differ.
 */
public final class ScenarioCatalogue {

    private static final String ECHO = AppSetup.CONTEXT_PATH + "/echo";

    // Both Jetty 12 lines answer every row alike, and so do both Tomcat lines (each checked on every run).
    private static final ContainerKind[] JETTY = {ContainerKind.JETTY_12_1, ContainerKind.JETTY_12_0};
    private static final ContainerKind[] TOMCAT = {ContainerKind.TOMCAT_11, ContainerKind.TOMCAT_10_1};
    private static final ContainerKind UNDERTOW_2_3 = ContainerKind.UNDERTOW_2_3;
    private static final ContainerKind GLASSFISH_7 = ContainerKind.GLASSFISH_7;

    // GlassFish deploys the sample WAR for STANDARD and SECURED, the catalogue's own WAR of the other setups
    // (see GlassFishContainer).
    private static final String SAMPLE_REDIRECTS_ABSOLUTE = "The sample's login filter uses sendRedirect, which"
            + " GlassFish makes absolute.";
    private static final String SAMPLE_NO_WEBSOCKET = "docs/scenarios.md: 200, as here. GlassFish cannot leave Tyrus off"
            + " for a WAR that holds an annotated endpoint: it hands Tyrus every one its deployment scan finds,"
            + " metadata-complete=\"true\" and an empty <absolute-ordering/> notwithstanding (both tried: 101), and"
            + " websockets-support-enabled only switches Grizzly's own WebSocket add-on. Here the WAR holds no"
            + " endpoint and /echo's class is only on the server's class path (as in a domain lib/ jar): Tyrus's"
            + " initializer gets no class, installs no ServerContainer, and the servlet at / answers.";

    private static final String UNDERTOW_DRAFTS = "docs/scenarios.md: 426 on Tomcat, a servlet on Jetty. Undertow still"
            + " implements the hybi-07/08 drafts and upgrades version 8 (101, the echo works); wsguard sees it and logs"
            + " WSG05, and in enforce mode answers 426 before Undertow can upgrade";
    private static final String CONNECTION_CLOSE_WINS = "The request says Connection: close (as nginx sends it), and"
            + " the container replaces the Connection header of wsguard's 426 with its own 'close' (Jetty merges it into"
            + " 'Upgrade,close', Tomcat sends both): the 426 carries Upgrade without the 'upgrade' connection option.";
    private static final String TYRUS_LAST_KEY = "Tyrus upgrades two keys and answers the last one (Tomcat answers the"
            + " first).";
    private static final String UPGRADES_POST = "docs/scenarios.md: a servlet answers. This implementation upgrades a POST"
            + " that carries the upgrade headers (101, the echo works)";

    private static final List<Scenario> ROWS = List.of(
            Scenario.row("S1", "valid upgrade to the /echo endpoint")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.validUpgrade(ECHO))
                    .on(jettyUpgraded().notReachingFilters(), JETTY)
                    .on(tomcatUpgraded(), TOMCAT)
                    .on(undertowUpgraded(), UNDERTOW_2_3)
                    .on(tyrusUpgraded(), GLASSFISH_7)
                    .build(),

            Scenario.row("S2", "valid upgrade to /echo2 (typo); a plain servlet at / answers")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.validUpgrade(AppSetup.CONTEXT_PATH + "/echo2"))
                    .rejects("WSG01", EnforceAction.REJECT_400)
                    .says("by servlet '", "(mapping '/', DEFAULT) instead of 101",
                            "No WebSocket endpoint matches /echo2.", "Closest endpoint: /app/echo, ws://", "Fix the client URL")
                    .on(plainText200(), JETTY)
                    .on(plainText200(), TOMCAT)
                    .on(plainText200(), UNDERTOW_2_3)
                    .on(plainText200(), GLASSFISH_7)
                    .build(),

            // Header names are case-insensitive (RFC 9110 5.1): the same rows with every name in lower case, and
            // the Connection value too, over the wire, where unit doubles would only prove a case-insensitive map.
            Scenario.row("S2b", "S2 with every header name in lower case (connection: upgrade)")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.validUpgrade(AppSetup.CONTEXT_PATH + "/echo2").with("Connection", "upgrade")
                            .lowerCaseNames())
                    .rejects("WSG01", EnforceAction.REJECT_400)
                    .says("No WebSocket endpoint matches /echo2.", "Closest endpoint: /app/echo, ws://")
                    .on(plainText200(), JETTY)
                    .on(plainText200(), TOMCAT)
                    .on(plainText200(), UNDERTOW_2_3)
                    .on(plainText200(), GLASSFISH_7)
                    .build(),

            Scenario.row("S3", "valid upgrade to /chat; an SPA fallback at /* answers")
                    .setup(AppSetup.SPA_FALLBACK)
                    .request(RawRequest.validUpgrade(AppSetup.CONTEXT_PATH + "/chat"))
                    .rejects("WSG01", EnforceAction.REJECT_400)
                    .says("(mapping '/*', PATH) instead of 101", "looks like a single-page-app shell",
                            "No WebSocket endpoint matches /chat.", "Known endpoints: /echo.")
                    .on(html200(), JETTY)
                    .on(html200(), TOMCAT)
                    .on(html200(), UNDERTOW_2_3, GLASSFISH_7)
                    .build(),

            Scenario.row("S4", "valid upgrade to /echo2; only the container's default servlet")
                    .setup(AppSetup.DEFAULT_SERVLET_ONLY)
                    .request(RawRequest.validUpgrade(AppSetup.CONTEXT_PATH + "/echo2"))
                    .logs("WSG02")
                    .says("answered 404 by servlet 'default' (mapping '/', DEFAULT)",
                            "No WebSocket endpoint matches /echo2.", "Closest endpoint: /app/echo, ws://")
                    .on(jettyErrorPage(404), JETTY)
                    .on(tomcatErrorPage(404), TOMCAT)
                    .on(undertowErrorPage(404), UNDERTOW_2_3)
                    .on(glassfishErrorPage(404), GLASSFISH_7)
                    .build(),

            Scenario.row("S5", "valid upgrade to /echo; WebSocket support never initialised")
                    .setup(AppSetup.NO_WEBSOCKET)
                    .request(RawRequest.validUpgrade(ECHO))
                    .startupCode("WSG10")
                    .rejects("WSG01", EnforceAction.REJECT_400)
                    .says("WebSocket support is not enabled in this context", "see WSG10", "Fix: ")
                    .on(plainText200(), JETTY)
                    .on(plainText200(), TOMCAT)
                    .on(plainText200(), UNDERTOW_2_3)
                    .on(plainText200().differsFromReference(SAMPLE_NO_WEBSOCKET), GLASSFISH_7)
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
                    .says("likely nginx, which forwards neither Upgrade nor Connection unless its location sets them"
                            + " (evidence: Connection: close; X-Forwarded-For: 127.0.0.1; X-Real-IP: 127.0.0.1)",
                            "Fix the nginx location: proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade;")
                    .on(plainText200().with(HeaderRule.exact("Connection", "close")), JETTY)
                    .on(plainText200().with(HeaderRule.exact("Connection", "close")), TOMCAT)
                    .on(plainText200().with(HeaderRule.exact("Connection", "close"))
                            .guardAnswerArrivesWith(HeaderRule.exact("Connection", "close"), CONNECTION_CLOSE_WINS),
                            UNDERTOW_2_3, GLASSFISH_7)
                    .build(),

            Scenario.row("S6b", "the valid upgrade as nginx forwards it with proxy_pass alone (HTTP/1.0, no Upgrade,"
                            + " Connection: close)")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.request("GET", ECHO, "HTTP/1.0")
                            .header("Host", RawRequest.AUTHORITY)
                            .header("Connection", "close")
                            .header("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY)
                            .header("Sec-WebSocket-Version", "13")
                            .build())
                    .rejects("WSG03", EnforceAction.REJECT_426)
                    .says("arrived as HTTP/1.0 without Upgrade and Connection",
                            "likely nginx's default proxy_http_version 1.0 dropped them (evidence: HTTP/1.0; Connection:"
                                    + " close)", "Fix the nginx location: proxy_http_version 1.1;")
                    .on(plainText200(), JETTY)
                    .on(plainText200(), TOMCAT)
                    .on(plainText200().guardAnswerArrivesWith(HeaderRule.exact("Connection", "close"),
                            CONNECTION_CLOSE_WINS), UNDERTOW_2_3)
                    .on(plainText200(), GLASSFISH_7)
                    .build(),

            Scenario.row("S6c", "the valid upgrade as Apache httpd forwards it with ProxyPass alone (no Upgrade,"
                            + " Connection: Keep-Alive, X-Forwarded-Server)")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.get(ECHO)
                            .header("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY)
                            .header("Sec-WebSocket-Version", "13")
                            .header("X-Forwarded-For", "127.0.0.1")
                            .header("X-Forwarded-Host", "127.0.0.1:8443")
                            .header("X-Forwarded-Server", "127.0.0.1")
                            .header("Connection", "Keep-Alive")
                            .build())
                    .rejects("WSG03", EnforceAction.REJECT_426)
                    .says("likely Apache httpd, whose mod_proxy_http forwards no upgrade unless its ProxyPass line asks"
                            + " for one (evidence: X-Forwarded-For: 127.0.0.1; X-Forwarded-Host: 127.0.0.1:8443;"
                            + " X-Forwarded-Server: 127.0.0.1)", "add upgrade=websocket to the end of the ProxyPass line")
                    .on(plainText200(), JETTY)
                    .on(plainText200(), TOMCAT)
                    .on(plainText200(), UNDERTOW_2_3, GLASSFISH_7)
                    .build(),

            Scenario.row("S6d", "the valid upgrade as HAProxy forwards it under a rule deleting Connection (Upgrade"
                            + " without Connection, names in lower case)")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.validUpgrade(ECHO).without("Connection").with("X-Forwarded-For", "127.0.0.1")
                            .lowerCaseNames())
                    .rejects("WSG03", EnforceAction.REJECT_426)
                    .says("arrived with 'Upgrade: websocket' but without a Connection header",
                            "(evidence: X-Forwarded-For: 127.0.0.1)", "remove any rule that deletes Upgrade or Connection")
                    .on(jettyErrorPage(400).notReachingFilters(), JETTY)
                    .on(tomcatErrorPage(400), TOMCAT)
                    .on(undertowUpgraded().differsFromReference("docs/scenarios.md: 400 (Jetty, at its connector before"
                            + " any filter; Tomcat). Undertow reads only Upgrade and switches protocols."), UNDERTOW_2_3)
                    .on(glassfishErrorPage(500).differsFromReference("docs/scenarios.md: 400 (Jetty, at its connector"
                            + " before any filter; Tomcat). Tyrus fails on the missing Connection header: GlassFish's"
                            + " 500 error page."), GLASSFISH_7)
                    .build(),

            Scenario.row("S7", "key and version 13, no Upgrade, no Connection")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.validUpgrade(ECHO).without("Upgrade").without("Connection"))
                    .rejects("WSG03", EnforceAction.REJECT_426)
                    .says("(no proxy header seen; many proxies add none)",
                            "proxy_set_header Connection \"upgrade\";", "(docs/troubleshooting.md#wsg03)")
                    .on(plainText200(), JETTY)
                    .on(plainText200(), TOMCAT)
                    .on(plainText200(), UNDERTOW_2_3, GLASSFISH_7)
                    .build(),

            Scenario.row("S8a", "upgrade with Sec-WebSocket-Version: 8")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.validUpgrade(ECHO).with("Sec-WebSocket-Version", "8"))
                    .rejects("WSG05", EnforceAction.REJECT_426_VERSION)
                    .says("asks for Sec-WebSocket-Version [8]; this server speaks only version 13")
                    .on(plainText200(), JETTY)
                    .on(tomcat426(), TOMCAT)
                    .on(undertowUpgraded().differsFromReference(UNDERTOW_DRAFTS), UNDERTOW_2_3)
                    .on(tyrus426(), GLASSFISH_7)
                    .build(),

            Scenario.row("S8b", "upgrade without Sec-WebSocket-Version")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.validUpgrade(ECHO).without("Sec-WebSocket-Version"))
                    .rejects("WSG05", EnforceAction.REJECT_426_VERSION)
                    .says("has no Sec-WebSocket-Version header; this server speaks only version 13")
                    .on(plainText200(), JETTY)
                    .on(tomcat426(), TOMCAT)
                    .on(plainText200().differsFromReference("docs/scenarios.md: Tomcat and Tyrus answer 426. Undertow, like Jetty,"
                            + " passes a handshake without a version down the chain: the servlet at / answers."), UNDERTOW_2_3)
                    .on(tyrus426(), GLASSFISH_7)
                    .build(),

            Scenario.row("S9", "upgrade without Sec-WebSocket-Key")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.validUpgrade(ECHO).without("Sec-WebSocket-Key"))
                    .rejects("WSG04", EnforceAction.REJECT_400)
                    .says("Sec-WebSocket-Key is missing")
                    // Jetty's upgrade filter answers with its error page: "Missing request header 'Sec-WebSocket-Key'".
                    .on(jettyErrorPage(400).notReachingFilters(), JETTY)
                    .on(tomcatErrorPage(400).with(HeaderRule.exact("Connection", "close")), TOMCAT)
                    .on(plainText200().differsFromReference("docs/scenarios.md: 400 (Jetty, Tomcat). Undertow passes a handshake"
                            + " without a key down the chain: the servlet at / answers 200."), UNDERTOW_2_3)
                    .on(plainText200().differsFromReference("docs/scenarios.md: 400 (Jetty, Tomcat). Tyrus passes a handshake without"
                            + " a key down the chain: the sample's catch-all answers 200."), GLASSFISH_7)
                    .build(),

            Scenario.row("S10a", "upgrade whose key is not 16 bytes of base64")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.validUpgrade(ECHO).with("Sec-WebSocket-Key", "c2hvcnQ="))
                    .rejects("WSG04", EnforceAction.REJECT_400)
                    .says("Sec-WebSocket-Key is [c2hvcnQ=]", "base64 encoding of 16 bytes")
                    .on(jettyUpgradedAnyKey().notReachingFilters(), JETTY)
                    .on(tomcatErrorPage(400).with(HeaderRule.exact("Connection", "close")), TOMCAT)
                    .on(upgradedAnyKey(undertowUpgraded()), UNDERTOW_2_3)
                    .on(upgradedAnyKey(tyrusUpgraded()).differsFromReference("docs/scenarios.md: Tomcat 400. Tyrus upgrades a key that is not"
                            + " 16 bytes of base64, as Jetty does; wsguard sees it there."), GLASSFISH_7)
                    .build(),

            twoKeys("S10b", "upgrade with two Sec-WebSocket-Key headers", "Sec-WebSocket-Key"),
            twoKeys("S10c", "upgrade with two keys whose header names differ only in case (sec-websocket-key)",
                    "sec-websocket-key"),

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
                    .says("the method is [POST]; a WebSocket handshake must use the GET method")
                    .on(plainText200(), JETTY)
                    .on(plainText200(), TOMCAT)
                    .on(undertowUpgraded().differsFromReference(UPGRADES_POST), UNDERTOW_2_3)
                    .on(tyrusUpgraded().differsFromReference(UPGRADES_POST), GLASSFISH_7)
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
                    .says("the request is [HTTP/1.0]", "proxy_http_version 1.1")
                    .on(plainText200(), JETTY)
                    // Tomcat upgrades an HTTP/1.0 request, answering with Connection: upgrade and Connection: close.
                    .on(tomcatUpgraded().with(HeaderRule.hasToken("Connection", "close")), TOMCAT)
                    .on(undertowUpgraded().closedAfter101().differsFromReference("docs/scenarios.md: a servlet answers on"
                            + " Jetty, Tomcat upgrades. Undertow answers HTTP/1.0 101 and then closes the connection: no"
                            + " frame gets through."), UNDERTOW_2_3)
                    .on(tyrusUpgraded().differsFromReference("docs/scenarios.md: a servlet answers on Jetty. Tyrus, like Tomcat,"
                            + " upgrades HTTP/1.0."), GLASSFISH_7)
                    .build(),

            Scenario.row("S13", "valid upgrade with Connection: keep-alive, Upgrade (Firefox)")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.validUpgrade(ECHO).with("Connection", "keep-alive, Upgrade"))
                    .on(jettyUpgraded().notReachingFilters(), JETTY)
                    .on(tomcatUpgraded(), TOMCAT)
                    .on(undertowUpgraded(), UNDERTOW_2_3)
                    .on(tyrusUpgraded(), GLASSFISH_7)
                    .build(),

            Scenario.row("S14", "valid upgrade with Upgrade: WebSocket (mixed case)")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.validUpgrade(ECHO).with("Upgrade", "WebSocket"))
                    .on(jettyUpgraded().notReachingFilters(), JETTY)
                    .on(tomcatUpgraded(), TOMCAT)
                    .on(undertowUpgraded(), UNDERTOW_2_3)
                    .on(tyrusUpgraded(), GLASSFISH_7)
                    .build(),

            Scenario.row("S14b", "valid upgrade with every header name in lower case (connection: upgrade)")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.validUpgrade(ECHO).with("Connection", "upgrade").lowerCaseNames())
                    .on(jettyUpgraded().notReachingFilters(), JETTY)
                    .on(tomcatUpgraded(), TOMCAT)
                    .on(undertowUpgraded(), UNDERTOW_2_3)
                    .on(tyrusUpgraded(), GLASSFISH_7)
                    .build(),

            Scenario.row("S15", "plain GET to the /echo endpoint path (plain-requests default: log)")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.get(ECHO).build())
                    .logs("WSG06")
                    .says("reached WebSocket endpoint path /echo", "plain-requests=ignore silences it")
                    .on(plainText200(), JETTY)
                    .on(plainText200(), TOMCAT)
                    .on(plainText200(), UNDERTOW_2_3, GLASSFISH_7)
                    .build(),

            Scenario.row("S15r", "plain GET to the /echo endpoint path, plain-requests=reject")
                    .setup(AppSetup.STANDARD)
                    .request(RawRequest.get(ECHO).build())
                    .guardParam("plain-requests", "reject")
                    .rejects("WSG06", EnforceAction.REJECT_426)
                    .says("reached WebSocket endpoint path /echo", "plain-requests=ignore silences it")
                    .on(plainText200(), JETTY)
                    .on(plainText200(), TOMCAT)
                    .on(plainText200(), UNDERTOW_2_3, GLASSFISH_7)
                    .build(),

            Scenario.row("S16a", "valid upgrade to /secure/echo; login filter answers 302")
                    .setup(AppSetup.SECURED)
                    .request(RawRequest.validUpgrade(AppSetup.CONTEXT_PATH + "/secure/echo"))
                    .logs("WSG07")
                    .says("answered 302 (Location: ", "cannot follow a redirect", "through the security check")
                    .on(jettyUpgraded().notReachingFilters().differsFromReference(
                            "docs/scenarios.md: 302. Jetty's WebSocketUpgradeFilter runs before every application"
                                    + " filter and upgrades: the login filter never runs (101, echo works)."), JETTY)
                    .on(loginRedirect(), TOMCAT)
                    .on(loginRedirect(), UNDERTOW_2_3)
                    .on(sampleLoginRedirect().differsFromReference(SAMPLE_REDIRECTS_ABSOLUTE + " The sample maps no"
                            + " endpoint under /secure/: /secure/echo is added to its classes for this row."), GLASSFISH_7)
                    .build(),

            Scenario.row("S16b", "valid upgrade to /secure/echo; login filter answers 401")
                    .setup(AppSetup.SECURED_BASIC)
                    .request(RawRequest.validUpgrade(AppSetup.CONTEXT_PATH + "/secure/echo"))
                    .logs("WSG07")
                    .says("answered 401 (WWW-Authenticate: Basic", "cannot answer a challenge during a handshake")
                    .on(jettyUpgraded().notReachingFilters().differsFromReference(
                            "docs/scenarios.md: 401. As S16a: Jetty upgrades before the login filter can run."), JETTY)
                    .on(loginChallenge(), TOMCAT)
                    .on(loginChallenge(), UNDERTOW_2_3, GLASSFISH_7)
                    .build(),

            Scenario.row("S16c", "valid upgrade to /secure/page (no endpoint); login filter answers 302")
                    .setup(AppSetup.SECURED)
                    .request(RawRequest.validUpgrade(AppSetup.CONTEXT_PATH + "/secure/page"))
                    .logs("WSG07")
                    .says("answered 302 (Location: ", "cannot follow a redirect", "handshakes to /secure/page")
                    .on(loginRedirect(), JETTY)
                    .on(loginRedirect(), TOMCAT)
                    .on(loginRedirect(), UNDERTOW_2_3)
                    .on(sampleLoginRedirect().differsFromReference(SAMPLE_REDIRECTS_ABSOLUTE), GLASSFISH_7)
                    .build(),

            Scenario.row("S16d", "valid upgrade to /secure/page (no endpoint); login filter answers 401")
                    .setup(AppSetup.SECURED_BASIC)
                    .request(RawRequest.validUpgrade(AppSetup.CONTEXT_PATH + "/secure/page"))
                    .logs("WSG07")
                    .says("answered 401 (WWW-Authenticate: Basic", "cannot answer a challenge during a handshake")
                    .on(loginChallenge(), JETTY)
                    .on(loginChallenge(), TOMCAT)
                    .on(loginChallenge(), UNDERTOW_2_3, GLASSFISH_7)
                    .build(),

            Scenario.row("S19", "valid upgrade to /guarded from a page of another origin; the endpoint's"
                            + " configurator's checkOrigin refuses it")
                    .setup(AppSetup.ORIGIN_CHECKED)
                    .request(RawRequest.validUpgrade(AppSetup.CONTEXT_PATH + "/guarded").toBuilder()
                            .header("Origin", "https://evil.example").build())
                    .logs("WSG07")
                    .says("the WebSocket endpoint at /guarded refused Origin https://evil.example",
                            "checkOrigin returned false", "in that configurator's checkOrigin(String)")
                    // Jetty's upgrade filter refuses it before any application filter: its own page says why.
                    .on(jettyErrorPage(403).notReachingFilters(), JETTY)
                    .on(answer(403), TOMCAT)
                    .on(answer(403), GLASSFISH_7)
                    .notOn(UNDERTOW_2_3, "Undertow passes a handshake its endpoint's checkOrigin refused on to the"
                            + " servlets (200 from the plain servlet here), so wsguard's line is a WSG01 naming the"
                            + " origin check: Undertow23OriginCheckTest")
                    .build(),

            Scenario.row("S17", "valid upgrade to /legacy, a javax.websocket endpoint in a WEB-INF/lib jar; a plain"
                            + " servlet at / answers")
                    .setup(AppSetup.JAVAX_ENDPOINT_JAR)
                    .request(RawRequest.validUpgrade(AppSetup.CONTEXT_PATH + LegacyEndpoint.PATH))
                    // Found only by wsguard's class-file scan of WEB-INF/lib through the context's resources.
                    .startupCode("WSG11", LegacyEndpoint.CLASS_NAME, "@ServerEndpoint(\"" + LegacyEndpoint.PATH + "\")",
                            AppSetup.LEGACY_JAR, "port the endpoints to jakarta.websocket")
                    .rejects("WSG01", EnforceAction.REJECT_400)
                    // Written after WSG00, so the line knows what the scan found at that path.
                    .says("An endpoint written against javax.websocket is declared at " + LegacyEndpoint.PATH
                            + " (javax.websocket class scan)", "(see WSG11)", "Fix: port it to jakarta.websocket")
                    .on(plainText200(), JETTY)
                    .on(plainText200(), TOMCAT)
                    .on(plainText200(), UNDERTOW_2_3, GLASSFISH_7)
                    .build());

    private ScenarioCatalogue() {
    }

    /** A valid upgrade plus a second key under {@code secondKeyName}: every container answers as to any two keys. */
    private static Scenario twoKeys(String id, String title, String secondKeyName) {
        return Scenario.row(id, title)
                .setup(AppSetup.STANDARD)
                .request(RawRequest.validUpgrade(ECHO).toBuilder().header(secondKeyName, "AQIDBAUGBwgJCgsMDQ4PEA==").build())
                .rejects("WSG04", EnforceAction.REJECT_400)
                .says("Sec-WebSocket-Key appears 2 times")
                .on(jettyUpgradedAnyKey().notReachingFilters(), JETTY)
                .on(tomcatUpgraded(), TOMCAT)
                .on(undertowUpgraded(), UNDERTOW_2_3)
                .on(upgradedAnyKey(tyrusUpgraded()).differsFromReference(TYRUS_LAST_KEY), GLASSFISH_7)
                .build();
    }

    public static List<Scenario> rows() {
        return ROWS;
    }

    public static Scenario row(String id) {
        return ROWS.stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException(id));
    }

    /**
     * The rows a real client can produce (a valid upgrade, to the right or a wrong URL): what the JDK's own client
     * reports for them runs on every container. Rows with a malformed handshake (S7-S12) need a raw socket, since no
     * client sends one.
     */
    public static List<Scenario> realClientRows() {
        return List.of(row("S1"), row("S2"), row("S3"), row("S4"));
    }

    /**
     * What wsguard's startup line says about endpoints on this container when no {@code endpoints} param
     * names them: read from the container's mappings where wsguard has a probe for it.
     */
    public static String containerMappingsClause(ContainerKind container) {
        switch (container) {
            case GLASSFISH_7:
                // The sample WAR: wsguard's initializer scans its annotated endpoints and web.xml names /ticker;
                // Tyrus's ServerContainer offers no mapping wsguard can read.
                return "endpoints known: 3 (/chat/{room}, /echo from annotation scan; /ticker from init-param endpoints);"
                        + " container mappings: not readable";
            default:
                return "endpoints known: 1 (/echo from container mappings); container mappings: read";
        }
    }

    /**
     * Whether the container creates wsguard's filter (and so logs WSG00) when the context starts. Undertow
     * creates filters on the first request unless a deployment asks for eager filter init.
     */
    public static boolean filterInitialisedAtStartup(ContainerKind container) {
        return container != ContainerKind.UNDERTOW_2_3;
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

    /** Undertow writes {@code Upgrade: WebSocket}, capitalised (docs/scenarios.md). */
    private static ContainerAnswer undertowUpgraded() {
        return answer(101, HeaderRule.exact("Upgrade", "WebSocket"), HeaderRule.exact("Connection", "Upgrade"),
                HeaderRule.exact("Sec-WebSocket-Accept", RawRequest.SAMPLE_ACCEPT));
    }

    /** Tyrus in GlassFish: reason phrase "Web Socket Protocol Handshake". */
    private static ContainerAnswer tyrusUpgraded() {
        return answer(101, HeaderRule.exact("Upgrade", "websocket"), HeaderRule.exact("Connection", "Upgrade"),
                HeaderRule.exact("Sec-WebSocket-Accept", RawRequest.SAMPLE_ACCEPT));
    }

    /** An upgrade whose accept answers some other key than the sample one: only the upgrade is checked. */
    private static ContainerAnswer upgradedAnyKey(ContainerAnswer upgraded) {
        return answer(101, upgraded.headers().stream().filter(h -> !h.name().equals("Sec-WebSocket-Accept"))
                .toArray(HeaderRule[]::new));
    }

    /** Tyrus's 426 for a version other than 13: an HTML page, no Upgrade header. */
    private static ContainerAnswer tyrus426() {
        return answer(426, HeaderRule.exact("Sec-WebSocket-Version", "13"), HeaderRule.exact("Content-Type", "text/html"));
    }

    /** GlassFish's error page: text/html without a charset. */
    private static ContainerAnswer glassfishErrorPage(int status) {
        return answer(status, HeaderRule.exact("Content-Type", "text/html"));
    }

    private static ContainerAnswer undertowErrorPage(int status) {
        return answer(status, HeaderRule.exact("Content-Type", "text/html;charset=UTF-8"));
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

    /** The sample WAR's login filter on GlassFish: sendRedirect, made absolute. */
    private static ContainerAnswer sampleLoginRedirect() {
        return answer(302, HeaderRule.exact("Location", "http://" + RawRequest.AUTHORITY + AppSetup.CONTEXT_PATH + "/login"));
    }

    private static ContainerAnswer loginChallenge() {
        return answer(401, HeaderRule.exact("WWW-Authenticate", LoginRequiredFilter.CHALLENGE));
    }
}
