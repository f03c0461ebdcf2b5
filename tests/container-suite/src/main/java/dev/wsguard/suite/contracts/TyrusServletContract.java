package dev.wsguard.suite.contracts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.fixtures.EchoEndpoint;
import dev.wsguard.testkit.fixtures.PlainTextServlet;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.http.WebSocketFrames;
import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.server.WorkDirs;
import dev.wsguard.testkit.log.ContainerLog;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.suite.report.CaseResult;
import dev.wsguard.suite.report.CaseResult.Section;
import dev.wsguard.suite.report.ResultsFile;
import dev.wsguard.suite.scenarios.TyrusServletCombinations;
import dev.wsguard.suite.scenarios.TyrusServletCombinations.Expected;
import dev.wsguard.suite.scenarios.TyrusServletCombinations.Setup;
import dev.wsguard.testkit.war.IsolatedServers;
import dev.wsguard.testkit.war.LocalJars;
import dev.wsguard.testkit.war.WarBuilder;
import dev.wsguard.testkit.war.WarContainer;
import dev.wsguard.testkit.war.WarContainer.WebSocket;
import dev.wsguard.testkit.war.WarDirs;
import dev.wsguard.testkit.war.WebApp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tyrus's servlet integration ({@code tyrus-container-servlet} 2.2.0) where it cannot work: on Jetty 12 and
 * on Tomcat, bundled in the WAR or installed in the container's lib, with the container's own WebSocket
 * support off or on. For each combination the container's fate is recorded in
 * {@link TyrusServletCombinations}: whether the WAR deploys (or the exact error), the WSG13 lines wsguard
 * must log naming the pair, and, only where it is safe and bounded, what one upgrade request gets. Never an
 * upgrade to Jetty 12.1 with Tyrus: its thread spins on "Cannot upgrade committed response".
 *
 * <p>A module subclasses this with its container ({@code tests/embedded/jetty-12.0}...). Writes
 * {@code target/compat/<container>-tyrus.json}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TyrusServletContract {

    private static final String CONTEXT = "/app";

    private final ContainerKind kind;
    private final WarContainer war;
    private final ResultsFile results;

    /** Tomcat's message when a stopped webapp's class loader is asked for a class. */
    private static final String TOMCAT_STOPPED_LOADER = "this web application instance has been stopped already";

    protected TyrusServletContract(ContainerKind kind, WarContainer war) {
        this.kind = kind;
        this.war = war;
        this.results = new ResultsFile(kind.label() + "-tyrus");
    }

    @AfterAll
    void writeResults() {
        results.write(WorkDirs.target());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Setup.class)
    void tyrusServletIntegrationIsNamedAtStartup(Setup setup) throws Exception {
        Expected expected = TyrusServletCombinations.expect(kind, setup);
        List<String> problems = new ArrayList<>();
        List<String> wsg13 = List.of();
        String deployment;
        String upgrade = "not sent: " + expected.upgradeNotSentBecause();
        List<String> containerLog = List.of();
        try (GuardLogCapture log = GuardLogCapture.attach(); WarDirs dirs = new WarDirs()) {
            // wsguard first on /*, log mode; a plain servlet at /; the /echo endpoint class; Tyrus where the setup says.
            WarBuilder builder = WarBuilder.create().guardFilter(Map.of()).servlet("plain", PlainTextServlet.class, "/")
                    .classes(EchoEndpoint.class);
            if (setup.tyrusInWebInfLib) {
                LocalJars.tyrusServletJars().forEach(builder::libJar);
            }
            Path dir = builder.build(dirs.next("tyrus-" + setup.name().toLowerCase()));
            WebSocket webSocket = setup.containerWebSocket ? WebSocket.ON : WebSocket.OFF;
            RunningServer server = null;
            try (ContainerLog errors = ContainerLog.attach()) {
                try {
                    server = setup.tyrusInWebInfLib ? war.start(webSocket, WebApp.at(CONTEXT, dir))
                            : IsolatedServers.start(war, webSocket, jar -> false, LocalJars.tyrusServletJars(),
                                    WebApp.at(CONTEXT, dir));
                    deployment = "deployed";
                } catch (Exception | LinkageError e) {
                    // Tomcat logs the cause and throws nothing: the deployer only sees the context STOPPED.
                    Throwable logged = errors.firstSevere("org.apache.catalina");
                    deployment = "deployment failed: " + rootMessage(logged != null ? logged : e);
                }
            }
            try {
                if (server != null) {
                    // The startup report follows the deployment on wsguard's own thread and ends with WSG00.
                    log.awaitCode("WSG00");
                    wsg13 = log.messages("WSG13");
                    if (expected.upgradeNotSentBecause() == null) {
                        // Neither Tomcat nor Tyrus logs the failed write, not even at FINEST (both turned up here,
                        // as a user debugging it would): the failure reaches only the endpoint's @OnError. Whatever
                        // they would log of it is logged before the server has stopped, so that is where reading ends.
                        try (ContainerLog during = ContainerLog.attach(EchoEndpoint.ERROR_LOGGER, "org.glassfish.tyrus",
                                "org.apache.coyote", "org.apache.tomcat")) {
                            upgrade = oneUpgrade(server);
                            awaitContainerLine(during, expected.failureSays());
                            server.close();
                            server = null;
                            containerLog = during.lines();
                        }
                    }
                }
            } finally {
                if (server != null) {
                    server.close();
                }
            }
        }
        if (!deployment.startsWith(expected.deployment())) {
            problems.add("deployment: expected '" + expected.deployment() + "...', got '" + deployment + "'");
        }
        for (List<String> phrases : expected.wsg13Phrases()) {
            if (wsg13.stream().noneMatch(line -> phrases.stream().allMatch(line::contains))) {
                problems.add("no WSG13 line containing " + phrases);
            }
        }
        if (wsg13.size() != expected.wsg13Phrases().size()) {
            problems.add("expected " + expected.wsg13Phrases().size() + " WSG13 lines, got " + wsg13.size());
        }
        if (expected.upgradeNotSentBecause() == null && !upgrade.startsWith(expected.upgrade())) {
            problems.add("upgrade: expected '" + expected.upgrade() + "...', got '" + upgrade + "'");
        }
        String endpointError = "FINE " + EchoEndpoint.ERROR_LOGGER + ": ";
        String failure = containerLog.stream().filter(l -> l.startsWith(endpointError)).findFirst()
                .map(l -> l.substring(endpointError.length()).replaceFirst("^endpoint error \\| ", "")).orElse(null);
        if (!expected.failureSays().isEmpty()) {
            if (failure == null || !failure.startsWith(expected.failureSays())) {
                problems.add("the endpoint's @OnError must receive '" + expected.failureSays() + "...', got " + failure);
            }
            // The evidence that only the endpoint hears of it: a container or Tyrus line about it would change the note.
            List<String> others = containerLog.stream().filter(l -> !l.startsWith(endpointError))
                    .filter(l -> l.contains("canWrite") || l.contains("IllegalStateException"))
                    // The log is read up to the server's stop; a class the webapp loads while it is being stopped is
                    // Tomcat's own shutdown race ("...instance has been stopped already"), not this failure.
                    .filter(l -> !l.contains(TOMCAT_STOPPED_LOADER)).toList();
            if (!others.isEmpty()) {
                problems.add("expected neither Tomcat nor Tyrus to log the failure, got " + others);
            }
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("deployment", deployment);
        details.put("upgrade", upgrade);
        if (failure != null) {
            details.put("failure", failure);
        }
        details.put("setup", setup.description);
        results.add(new CaseResult(Section.WSG13.name(), kind.label(), setup.name(), setup.description,
                deployment, wsg13.isEmpty() ? List.of() : List.of("WSG13"), wsg13, problems.isEmpty(), expected.note(),
                details));
        String seen = "deployment: " + deployment + "\nupgrade: " + upgrade + "\nWSG13 lines:\n  "
                + String.join("\n  ", wsg13) + "\ncontainer log after the upgrade:\n  " + String.join("\n  ", containerLog);
        assertTrue(problems.isEmpty(), () -> kind + " " + setup + ":\n - " + String.join("\n - ", problems) + "\n" + seen);
    }

    /** Waits (bounded) for a line of the container's log with {@code says}, when one is expected. */
    private static void awaitContainerLine(ContainerLog log, String says) throws InterruptedException {
        long end = System.nanoTime() + GuardLogCapture.APPEAR_TIMEOUT.toNanos();
        while (!says.isEmpty() && log.lines().stream().noneMatch(l -> l.contains(says)) && System.nanoTime() - end < 0) {
            Thread.sleep(20);
        }
    }

    /** One valid upgrade to /app/echo and, after a 101, one echo; everything bounded by RawHttp's timeouts. */
    private static String oneUpgrade(RunningServer server) {
        try (RawResponse response = RawHttp.exchange(server.port(), RawRequest.validUpgrade(CONTEXT + "/echo"))) {
            String status = response.statusLine().replaceAll("\\s+$", "");
            if (response.status() != 101) {
                return status + " (" + firstLine(response.bodyText()) + ")";
            }
            try {
                WebSocketFrames.sendText(response.upgradedOutput(), "tyrus?");
                WebSocketFrames.Frame frame = WebSocketFrames.read(response.upgradedInput());
                return status + ", then echo " + (frame.opcode() == WebSocketFrames.OPCODE_TEXT ? "'" + frame.text() + "'"
                        : "opcode " + frame.opcode());
            } catch (IOException e) {
                return status + ", then no echo (" + e.getClass().getSimpleName() + ")";
            }
        } catch (IOException e) {
            return "no answer (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        }
    }

    private static String firstLine(String body) {
        String text = body.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip();
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        for (int i = 0; i < 20 && root.getCause() != null && root.getCause() != root; i++) {
            root = root.getCause();
        }
        // Class loader identities (@1a2b3c4d) differ between runs.
        return (root.getClass().getName() + ": " + root.getMessage()).replaceAll("@[0-9a-f]{4,}", "@...");
    }
}
