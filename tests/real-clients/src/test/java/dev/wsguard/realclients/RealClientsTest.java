package dev.wsguard.realclients;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.http.ClientOutcome;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.server.ContainerUnderTest;
import dev.wsguard.testkit.server.Deployment;
import dev.wsguard.testkit.server.Loopback;
import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.server.WorkDirs;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.log.Marker;
import dev.wsguard.testkit.tools.NginxProxy;
import dev.wsguard.suite.report.CaseResult;
import dev.wsguard.suite.report.CaseResult.Section;
import dev.wsguard.suite.report.ResultsFile;
import dev.wsguard.suite.scenarios.Guard;
import dev.wsguard.suite.scenarios.GuardMode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Real clients against the main misroutings, without wsguard and with it in enforce mode, straight to the server
 * or through a real nginx: what the user of each client actually sees (the exact exception chain, the status and
 * wsguard's header where the client exposes them), and what wsguard logged. A changed message in a client, or a
 * changed answer from wsguard, fails here. Writes {@code target/compat/real-clients.json}.
 */
class RealClientsTest {

    private static final ResultsFile RESULTS = new ResultsFile("real-clients");

    /** Where the server sits: the containers on this module's class path. */
    static final List<ContainerKind> CONTAINERS = List.of(ContainerKind.JETTY_12_1, ContainerKind.TOMCAT_11);

    /** Without wsguard, or with it in enforce mode. */
    enum Guarding {
        WITHOUT_WSGUARD, ENFORCE;

        Deployment deployment(AppSetup app) {
            return this == WITHOUT_WSGUARD ? Deployment.of(app) : Guard.deployment(app, GuardMode.ENFORCE);
        }

        String label() {
            return this == WITHOUT_WSGUARD ? "without wsguard" : "wsguard enforce";
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (ContainerKind container : CONTAINERS) {
            for (ClientScenario scenario : ClientScenario.values()) {
                for (Guarding guarding : Guarding.values()) {
                    for (WebSocketClientUnderTest client : WebSocketClientUnderTest.values()) {
                        all.add(Arguments.of(container, scenario, guarding, client));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("cases")
    void clientReportsWhatTheCatalogueSays(ContainerKind container, ClientScenario scenario, Guarding guarding,
                                           WebSocketClientUnderTest client) throws Exception {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("client", client.displayName());
        details.put("path", scenario.path());
        details.put("scenario", scenario.description());
        if (scenario.proxy() != null) {
            try {
                NginxProxy.binary();
            } catch (TestAbortedException | AssertionFailedError missing) {
                // Recorded, so that the document's check names the reason instead of a bare mismatch.
                RESULTS.add(CaseResult.skipped(Section.CLIENT.name(), container.label(), scenario.name(),
                        client.name() + " / " + guarding.label(), missing.getMessage(), details));
                throw missing;
            }
        }
        ClientOutcome outcome;
        List<String> lines;
        try (ContainerUnderTest adapter = container.newAdapter();
             GuardLogCapture log = GuardLogCapture.attach();
             RunningServer server = adapter.start(guarding.deployment(scenario.setup()));
             // Skips loudly where nginx is missing, fails under WSGUARD_REQUIRE_ALL=1; null (no proxy) is not closed.
             NginxProxy nginx = scenario.proxy() == null ? null : NginxProxy.start(scenario.proxy(), server.port())) {
            String clientAuthority = nginx == null ? server.authority() : Loopback.HOST + ":" + nginx.port();
            URI uri = URI.create("ws://" + clientAuthority + scenario.path());
            outcome = client.connect(uri);
            if (guarding == Guarding.ENFORCE && scenario.code() != null) {
                log.awaitCode(scenario.code());
            }
            // Without wsguard nothing logs; with it, a marker after the client's attempt ends what is its.
            List<String> logged = guarding == Guarding.WITHOUT_WSGUARD ? List.of()
                    : log.requestLinesBefore(Marker.at(server.port(), server.contextPath()), 0);
            lines = logged.stream()
                    .map(l -> l.replace(server.authority(), "{authority}").replace(clientAuthority, "{authority}"))
                    .toList();
        }
        ClientExpectations.Expected expected = ClientExpectations.expect(client, container, scenario, guarding == Guarding.ENFORCE);
        List<String> problems = new ArrayList<>();
        if (outcome.connected() != expected.connects()) {
            problems.add(expected.connects() ? "the client must connect" : "the client must not connect");
        }
        if (expected.connects() && !WebSocketClientUnderTest.TEXT.equals(outcome.echoed())) {
            problems.add("echo: expected '" + WebSocketClientUnderTest.TEXT + "', got " + outcome.echoed());
        }
        if (!expected.connects() && !expected.exception().equals(outcome.exception())) {
            problems.add("exception:\n   expected " + expected.exception() + "\n   got      " + outcome.exception());
        }
        if (outcome.status() != expected.status()) {
            problems.add("status the client exposes: expected " + expected.status() + ", got " + outcome.status());
        }
        if (!java.util.Objects.equals(outcome.guardCode(), expected.guardCode())) {
            problems.add("WSGuard-Code the client exposes: expected " + expected.guardCode() + ", got " + outcome.guardCode());
        }
        Set<String> codes = new java.util.LinkedHashSet<>();
        lines.forEach(l -> codes.add(GuardLogCapture.codeOf(l)));
        Set<String> wantedCodes = guarding == Guarding.ENFORCE && scenario.code() != null ? Set.of(scenario.code()) : Set.of();
        if (!codes.equals(wantedCodes)) {
            problems.add("codes logged: expected " + wantedCodes + ", got " + codes);
        }
        if (outcome.internalChain() != null) {
            details.put("internal chain", outcome.internalChain());
        }
        RESULTS.add(new CaseResult(Section.CLIENT.name(), container.label(), scenario.name(),
                client.name() + " / " + guarding.label(), outcome.summary(), List.copyOf(codes), lines,
                problems.isEmpty(), "", details));
        assertTrue(problems.isEmpty(), () -> client.displayName() + " on " + container + ", " + scenario + ", "
                + guarding.label() + ":\n - " + String.join("\n - ", problems) + "\nwsguard: " + lines);
    }

    @AfterAll
    static void writeResults() {
        RESULTS.write(WorkDirs.target());
    }
}
