package dev.wsguard.suite.contracts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.suite.clients.ClientCatalogue;
import dev.wsguard.suite.clients.ClientScenario;
import dev.wsguard.suite.clients.RealClient;
import dev.wsguard.suite.report.CaseResult;
import dev.wsguard.suite.report.CaseResult.Section;
import dev.wsguard.suite.report.ResultsFile;
import dev.wsguard.suite.scenarios.Guard;
import dev.wsguard.suite.scenarios.GuardMode;
import dev.wsguard.testkit.http.ClientOutcome;
import dev.wsguard.testkit.http.JdkWebSocketClient;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.log.Marker;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.server.Deployment;
import dev.wsguard.testkit.server.Loopback;
import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.server.WorkDirs;
import dev.wsguard.testkit.tools.NginxProxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Real clients ({@link RealClient}: Tyrus, the JDK's, Jetty's) against the main misroutings ({@link ClientScenario}),
 * without wsguard and with it in enforce mode, straight to the container or through a real nginx: what the user of
 * each client actually sees (the exact exception chain, the status and wsguard's header where the client exposes
 * them), and what wsguard logged, read up to a {@link Marker}. A changed message in a client, or a changed answer
 * from wsguard, fails here. A module subclasses this with its {@link ContainerKind}; what differs per container is
 * in {@link ClientCatalogue}. Writes {@code target/compat/<container>-clients.json} for docs/compatibility.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RealClientContract extends ContractOnOneContainer {

    private final ResultsFile results;
    private final Map<RealClient, String> displayNames = new LinkedHashMap<>();
    protected RealClientContract(ContainerKind kind) {
        super(kind);
        this.results = new ResultsFile(kind.label() + "-clients");
    }

    /** Without wsguard, or with it in enforce mode. */
    public enum Guarding {
        WITHOUT_WSGUARD, ENFORCE;

        Deployment deployment(AppSetup app) {
            return this == WITHOUT_WSGUARD ? Deployment.of(app) : Guard.deployment(app, GuardMode.ENFORCE);
        }

        String label() {
            return this == WITHOUT_WSGUARD ? "without wsguard" : "wsguard enforce";
        }
    }

    @Override
    protected void writeResults() {
        results.write(WorkDirs.target());
    }

    @Test
    void catalogueRecordsTheClientsForThisContainer() {
        assertTrue(ClientCatalogue.recordsSomethingFor(kind), () -> "ClientCatalogue records nothing for " + kind
                + ": record its reason phrases and the Tyrus client beside it, then run this suite");
    }

    /**
     * Client by client: on a container that shares one deployment between cases (GlassFish), the same path is then hit
     * again only after the other scenarios, long after wsguard's log window, so no case waits it out.
     */
    Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (RealClient client : RealClient.values()) {
            if (ClientCatalogue.recordsSomethingFor(kind) && !ClientCatalogue.runsOn(client, kind)) {
                continue;
            }
            for (ClientScenario scenario : ClientScenario.values()) {
                for (Guarding guarding : Guarding.values()) {
                    all.add(Arguments.of(scenario, guarding, client));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void clientReportsWhatTheCatalogueSays(ClientScenario scenario, Guarding guarding, RealClient client)
            throws Exception {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("client", displayName(client));
        details.put("path", scenario.path);
        details.put("scenario", scenario.description);
        String variant = client.name() + " / " + guarding.label();
        if (scenario.proxy != null) {
            try {
                NginxProxy.binary();
            } catch (TestAbortedException | AssertionFailedError missing) {
                // Recorded, so that the document's check names the reason instead of a bare mismatch.
                results.add(CaseResult.skipped(Section.CLIENT.name(), kind.label(), scenario.name(), variant,
                        missing.getMessage(), details));
                throw missing;
            }
        }
        boolean enforce = guarding == Guarding.ENFORCE;
        ClientOutcome outcome;
        List<String> lines;
        try (GuardLogCapture log = GuardLogCapture.attach();
             RunningServer server = container.start(guarding.deployment(scenario.setup));
             // Skips loudly where nginx is missing, fails under WSGUARD_REQUIRE_ALL=1; null (no proxy) is not closed.
             NginxProxy nginx = scenario.proxy == null ? null : NginxProxy.start(scenario.proxy, server.port())) {
            String clientAuthority = nginx == null ? server.authority() : Loopback.HOST + ":" + nginx.port();
            String target = RawRequest.get(scenario.path).build().inContext(server.contextPath()).target();
            server.beforeRequest(target);
            outcome = client.connect(URI.create("ws://" + clientAuthority + target), kind);
            if (enforce && scenario.code != null) {
                log.awaitCode(scenario.code);
            }
            // Without wsguard nothing logs; with it, a marker after the client's attempt ends what is its.
            List<String> logged = enforce ? log.requestLinesBefore(Marker.at(server.port(), server.contextPath()), 0)
                    : List.of();
            lines = logged.stream().map(l -> normalise(l, server, clientAuthority)).toList();
        }
        ClientCatalogue.Expected expected = ClientCatalogue.expect(client, kind, scenario, enforce);
        List<String> problems = new ArrayList<>();
        if (outcome.connected() != expected.connects()) {
            problems.add(expected.connects() ? "the client must connect" : "the client must not connect");
        }
        if (expected.connects() && !JdkWebSocketClient.TEXT.equals(outcome.echoed())) {
            problems.add("echo: expected '" + JdkWebSocketClient.TEXT + "', got " + outcome.echoed());
        }
        if (!expected.connects() && !expected.exception().equals(outcome.exception())) {
            problems.add("exception:\n   expected " + expected.exception() + "\n   got      " + outcome.exception());
        }
        if (outcome.status() != expected.status()) {
            problems.add("status the client exposes: expected " + expected.status() + ", got " + outcome.status());
        }
        if (!Objects.equals(outcome.guardCode(), expected.guardCode())) {
            problems.add("WSGuard-Code the client exposes: expected " + expected.guardCode() + ", got "
                    + outcome.guardCode());
        }
        Set<String> codes = new LinkedHashSet<>();
        lines.forEach(l -> codes.add(GuardLogCapture.codeOf(l)));
        Set<String> wantedCodes = enforce && scenario.code != null ? Set.of(scenario.code) : Set.of();
        if (!codes.equals(wantedCodes)) {
            problems.add("codes logged: expected " + wantedCodes + ", got " + codes);
        }
        if (outcome.internalChain() != null) {
            details.put("internal chain", outcome.internalChain());
        }
        results.add(new CaseResult(Section.CLIENT.name(), kind.label(), scenario.name(), variant, outcome.summary(),
                List.copyOf(codes), lines, problems.isEmpty(), "", details));
        assertTrue(problems.isEmpty(), () -> displayName(client) + " on " + kind + ", " + scenario + ", "
                + guarding.label() + ":\n - " + String.join("\n - ", problems) + "\nwsguard: " + lines);
    }

    private String displayName(RealClient client) {
        return displayNames.computeIfAbsent(client, c -> {
            try {
                return c.displayName(kind);
            } catch (Exception e) {
                throw new IllegalStateException("no " + c + " client beside " + kind, e);
            }
        });
    }

    /** Ports written {@code {authority}}; a shared deployment's own context path (GlassFish's) written {@code /app}. */
    private static String normalise(String line, RunningServer server, String clientAuthority) {
        String l = line.replace(server.authority(), "{authority}").replace(clientAuthority, "{authority}");
        String context = server.contextPath();
        return context.equals(AppSetup.CONTEXT_PATH) ? l
                : l.replaceAll(Pattern.quote(context) + "(?![\\w-])", AppSetup.CONTEXT_PATH);
    }
}
