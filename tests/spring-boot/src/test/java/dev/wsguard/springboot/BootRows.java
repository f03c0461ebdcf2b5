package dev.wsguard.springboot;

import dev.wsguard.suite.report.BootKind;
import dev.wsguard.suite.scenarios.ContainerAnswer;
import dev.wsguard.suite.scenarios.HeaderRule;
import dev.wsguard.suite.scenarios.Scenario;
import dev.wsguard.suite.scenarios.ScenarioCatalogue;
import dev.wsguard.testkit.http.RawRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenario catalogue's rows on the Boot test application ({@code WsguardBootApp}): each row's request moved onto
 * the application's paths (its context is the root, and its paths are its own), what the application answers on its
 * own (observed over raw sockets, re-checked on every run), and, where Spring words who answered otherwise than the
 * plain containers, what wsguard's line must say instead of the row's own words. A row that does not fit the
 * application says why. The expected outcome in log and enforce mode follows from these by the catalogue's own rules
 * ({@link Scenario#expect(ContainerAnswer, boolean, dev.wsguard.suite.scenarios.GuardMode, List)}).
 */
final class BootRows {

    /** One row as it runs on the Boot application, or why it does not. */
    record BootRow(Scenario scenario, RawRequest request, Map<String, ContainerAnswer> answers, List<String> lineSays,
                   String note, String notRunReason) {

        boolean runs() {
            return notRunReason == null;
        }

        /** What the application answers on this Boot module's container, or null where no answer is recorded. */
        ContainerAnswer answer(BootKind kind) {
            ContainerAnswer answer = answers.get(kind.label());
            return answer != null ? answer : answers.get(kind.container());
        }

        String id() {
            return scenario.id();
        }

        @Override
        public String toString() {
            return scenario.id();
        }
    }

    private BootRows() {
    }

    static List<BootRow> rows() {
        List<BootRow> rows = new ArrayList<>();
        for (Scenario row : ScenarioCatalogue.rows()) {
            rows.add(boot(row));
        }
        return rows;
    }

    private static BootRow boot(Scenario row) {
        RawRequest request = row.request().inContext("");
        Builder b = new Builder(row, request);
        switch (row.id()) {
            case "S1":
            case "S14":
            case "S14b":
                return b.on(upgraded(), ALL).build();
            case "S13":
                return b.on(upgraded(), ALL).build();
            case "S2":
            case "S2b":
                return b.on(shell200(), ALL)
                        .says(SHELL_HANDLER, "No WebSocket endpoint matches /echo2.", "Closest endpoint: /echo, ws://",
                                "Fix the client URL")
                        .note(TYPO_REACHES_SHELL).build();
            case "S3":
                return b.on(shell200(), ALL)
                        .says(SHELL_HANDLER, "No WebSocket endpoint matches /chat.", "Known endpoints: /echo, /ws,")
                        .note("The application's SPA fallback (/{page}) answers text/plain, not HTML: the line names"
                                + " the Spring handler and does not say 'looks like a single-page-app shell'; it lists"
                                + " the application's six endpoints.").build();
            case "S4":
                // One segment would reach the SPA fallback: two reach nothing, and Spring answers 404.
                return b.target("/api/echo2").on(errorDocument(404), ALL)
                        .says("answered 404 by Spring handler ResourceHttpRequestHandler (pattern /**)",
                                "No WebSocket endpoint matches /api/echo2.")
                        .note("Sent to /api/echo2 (the SPA fallback takes every one-segment path): only Spring MVC's"
                                + " static resources (/**) take it, and answer 404 with Boot's JSON error document; the"
                                + " line names that handler.").build();
            case "S5":
                return b.notRun("A Boot application with spring-boot-starter-websocket always has WebSocket support"
                        + " initialised (the container's ServerContainer and Spring's WebSocket handler mapping):"
                        + " there is no Boot setup without it that still maps /echo.").build();
            case "S6":
            case "S6b":
                return b.on(cannotUpgrade400(), "Tomcat", "Jetty")
                        .on(cannotUpgrade400().guardAnswerArrivesWith(HeaderRule.exact("Connection", "close"),
                                CONNECTION_CLOSE_WINS), "Undertow")
                        .note(HANDLER_OWNS_ECHO).build();
            case "S6d":
                return b.on(connectionMustBeUpgrade400(), "Tomcat", "Undertow")
                        .on(answer(400, HeaderRule.exact("Content-Type", "text/html;charset=iso-8859-1"))
                                .notReachingFilters(), "Jetty")
                        .note("docs/scenarios.md: 400. Spring's WebSocketHttpRequestHandler answers the Upgrade without"
                                + " Connection 400 ('\"Connection\" must be \"upgrade\".'); Jetty answers it 400"
                                + " before any filter, as Jetty alone does.").build();
            case "S6c":
            case "S7":
            case "S15":
            case "S15r":
                return b.on(cannotUpgrade400(), ALL).note(HANDLER_OWNS_ECHO).build();
            case "S8a":
                return b.on(version426("13"), "Tomcat", "Jetty").on(upgraded(), "Undertow")
                        .note(VERSION_CHECKED_BY_SPRING + " On Undertow, whose upgrade strategy also speaks the hybi"
                                + " drafts 7 and 8, Spring lets version 8 through and Undertow upgrades it (101, the"
                                + " echo works); wsguard logs WSG05, and in enforce mode answers 426 first.").build();
            case "S8b":
                return b.on(version426("13"), "Tomcat", "Jetty").on(version426("13,8,7"), "Undertow")
                        .note(VERSION_CHECKED_BY_SPRING + " On Undertow it lists the drafts Undertow also speaks:"
                                + " Sec-WebSocket-Version: 13,8,7.").build();
            case "S9":
                return b.on(answer(400, HeaderRule.exact("Content-Length", "0")), ALL).note("Spring's handshake"
                        + " handler answers a handshake without a key 400, empty, on every container.").build();
            case "S10a":
                return b.on(errorDocument(400), "Tomcat").on(upgradedAnyKey(), "Jetty", "Undertow")
                        .note("docs/scenarios.md: Tomcat 400, Jetty upgrades, and so here; Tomcat's refusal arrives"
                                + " through Boot's error page (its JSON error document), and Undertow upgrades as it does"
                                + " alone.").build();
            case "S10b":
            case "S10c":
                return b.on(upgradedAnyKey(), ALL).build();
            case "S11":
                return b.on(errorDocument(403), ALL).note("docs/scenarios.md: a servlet answers. Spring Security's"
                        + " CSRF protection refuses the POST (403, Boot's JSON error document) before any handler;"
                        + " the line names Spring Security.").build();
            case "S12":
                return b.on(upgraded().with(HeaderRule.hasToken("Connection", "close")), "Tomcat")
                        .on(answer(200, HeaderRule.exact("Content-Length", "0")), "Jetty")
                        .on(upgraded().closedAfter101(), "Undertow")
                        .note("docs/scenarios.md: a servlet answers on Jetty, Tomcat upgrades. Tomcat upgrades here"
                                + " too, and Undertow answers HTTP/1.0 101 and closes the connection, as it does alone; on"
                                + " Jetty, Spring's WebSocket handler answers 200 with an empty body.").build();
            case "S16a":
                return b.on(loginRedirect(true), ALL).on(loginRedirect(false), BootKind.BOOT_4_0_JETTY.label())
                        .says("answered 302 (Location: ", "by Spring Security (springSecurityFilterChain)",
                                "cannot follow a redirect", "requestMatchers(\"/secure/echo\").permitAll()")
                        .note("The application maps no endpoint under /secure/. " + LOGIN_REDIRECT).build();
            case "S16c":
                return b.on(loginRedirect(true), ALL).on(loginRedirect(false), BootKind.BOOT_4_0_JETTY.label())
                        .says("answered 302 (Location: ", "by Spring Security (springSecurityFilterChain)",
                                "cannot follow a redirect", "requestMatchers(\"/secure/page\").permitAll()")
                        .note(LOGIN_REDIRECT).build();
            case "S16b":
            case "S16d":
                return b.notRun("The Boot test application protects /secure/** with Spring Security's form login,"
                        + " which redirects (S16a, S16c); it sets up no HTTP Basic challenge (401).").build();
            case "S17":
                return b.notRun("Needs a WAR with a javax.websocket endpoint in a WEB-INF/lib jar, found by wsguard's"
                        + " class-file scan through the servlet context; a Boot application runs from its class path,"
                        + " where its embedded container runs no initializer from jars, so that scan does not run"
                        + " (WSG00: 'wsguard's initializer did not run').").build();
            case "S19":
                return b.notRun("Needs a Jakarta endpoint whose configurator's checkOrigin refuses; a Spring"
                        + " application checks origins in its own handshake interceptor, whose 403 the starter explains"
                        + " (StarterExplainsRefusalsTest).").build();
            default:
                // A new catalogue row: recorded nowhere here yet, so it fails with what the application answered.
                return b.build();
        }
    }

    /** Every Boot container: a row's answer keyed by product, or by a module's label where one differs. */
    private static final String[] ALL = {"Tomcat", "Jetty", "Undertow"};

    /** Who answers a one-segment typo on the application, as wsguard's line names it. */
    private static final String SHELL_HANDLER = "by Spring handler HttpRequestHandler lambda in WsguardBootApp"
            + " (pattern /{page})";

    private static final String TYPO_REACHES_SHELL = "docs/scenarios.md: a plain servlet at / answers. On the"
            + " application a one-segment typo reaches its SPA fallback (a Spring HttpRequestHandler at /{page},"
            + " text/plain), which the line names.";

    private static final String VERSION_CHECKED_BY_SPRING = "docs/scenarios.md: 426 on Tomcat, a servlet on Jetty."
            + " Spring's handshake handler checks the version against what the container's upgrade strategy speaks and"
            + " answers 426 with Sec-WebSocket-Version itself, on Jetty too.";

    private static final String CONNECTION_CLOSE_WINS = "The request says Connection: close, and Undertow replaces the"
            + " Connection header of wsguard's 426 with its own 'close': the 426 carries Upgrade without the 'upgrade'"
            + " connection option (as on Undertow alone).";

    private static final String LOGIN_REDIRECT = "Spring Security's form login redirects to /login: made absolute"
            + " (http://{authority}/login) by Tomcat, Undertow and Jetty 12.0, left as it is by Jetty 12.1.";

    private static final String HANDLER_OWNS_ECHO = "docs/scenarios.md: 200 (a servlet at /). Spring's"
            + " WebSocketHttpRequestHandler owns /echo and answers a request that is not an upgrade 400 ('Can"
            + " \"Upgrade\" only to \"WebSocket\".'), which the line names.";

    /** Collects one row's Boot facts. */
    private static final class Builder {
        private final Scenario row;
        private RawRequest request;
        private final Map<String, ContainerAnswer> answers = new LinkedHashMap<>();
        private List<String> lineSays;
        private String note = "";
        private String notRun;

        Builder(Scenario row, RawRequest request) {
            this.row = row;
            this.request = request;
            this.lineSays = row.lineSays();
        }

        Builder target(String target) {
            request = request.withTarget(target);
            return this;
        }

        /** What every Boot container answers (by product: Tomcat, Jetty, Undertow; or by a module's label). */
        Builder on(ContainerAnswer answer, String... containers) {
            for (String c : containers) {
                answers.put(c, answer);
            }
            return this;
        }

        Builder says(String... fragments) {
            lineSays = List.of(fragments);
            return this;
        }

        Builder note(String text) {
            note = text;
            return this;
        }

        Builder notRun(String reason) {
            notRun = reason;
            return this;
        }

        BootRow build() {
            return new BootRow(row, request, answers, lineSays, note, notRun);
        }
    }

    // What the application answers, as observed. wsguard is the first filter of every request here (the starter
    // registers it at HIGHEST_PRECEDENCE on /*), so every answer reaches it.

    static ContainerAnswer answer(int status, HeaderRule... headers) {
        return new ContainerAnswer(status, List.of(headers), true, "");
    }

    /** Spring's upgrade through the container: Undertow writes {@code Upgrade: WebSocket}, so any case. */
    private static ContainerAnswer upgraded() {
        return answer(101, HeaderRule.ignoringCase("Upgrade", "websocket"), HeaderRule.hasToken("Connection", "upgrade"),
                HeaderRule.exact("Sec-WebSocket-Accept", RawRequest.SAMPLE_ACCEPT));
    }

    /** An upgrade whose accept may answer either of two keys. */
    private static ContainerAnswer upgradedAnyKey() {
        return answer(101, HeaderRule.ignoringCase("Upgrade", "websocket"), HeaderRule.hasToken("Connection", "upgrade"));
    }

    /** The SPA fallback's shell. */
    private static ContainerAnswer shell200() {
        return answer(200, HeaderRule.ignoringCase("Content-Type", "text/plain;charset=ISO-8859-1"),
                HeaderRule.exact("Content-Length", "21"));
    }

    /** Spring's WebSocketHttpRequestHandler to a request that is not an upgrade: 'Can "Upgrade" only to "WebSocket".' */
    private static ContainerAnswer cannotUpgrade400() {
        return answer(400, HeaderRule.exact("Content-Length", "34"));
    }

    /** Spring's handshake handler to a version other than 13. */
    /** Spring's 400 for an Upgrade without Connection: '"Connection" must be "upgrade".', 31 bytes. */
    private static ContainerAnswer connectionMustBeUpgrade400() {
        return answer(400, HeaderRule.exact("Content-Length", "31"));
    }

    private static ContainerAnswer version426(String versions) {
        return answer(426, HeaderRule.exact("Sec-WebSocket-Version", versions));
    }

    /** Boot's error page: its JSON error document. */
    private static ContainerAnswer errorDocument(int status) {
        return answer(status, HeaderRule.ignoringCase("Content-Type", "application/json"));
    }

    /** Spring Security's form login: a redirect to /login, which the container may make absolute. */
    private static ContainerAnswer loginRedirect(boolean absolute) {
        return answer(302, HeaderRule.exact("Location", (absolute ? "http://" + RawRequest.AUTHORITY : "") + "/login"));
    }
}
