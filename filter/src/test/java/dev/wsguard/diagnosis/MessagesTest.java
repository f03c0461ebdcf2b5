package dev.wsguard.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.containers.ContainerProfile;
import dev.wsguard.endpoints.ContextDirectory;
import dev.wsguard.endpoints.ContextEndpoints;
import dev.wsguard.endpoints.EndpointRegistry;
import dev.wsguard.endpoints.EndpointSource;
import dev.wsguard.endpoints.ScanState;
import dev.wsguard.endpoints.EndpointTemplate;
import dev.wsguard.endpoints.KnownEndpoint;
import dev.wsguard.handshake.Handshake;
import dev.wsguard.handshake.HandshakeClassifier;
import dev.wsguard.handshake.HandshakeProblem;
import dev.wsguard.handshake.HeadRequest;
import dev.wsguard.testkit.http.RawRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MessagesTest {

    private static final Deployment JETTY = deployment(ContainerProfile.JETTY, "/echo", "/chat/{room}");
    private static final Deployment TOMCAT = deployment(ContainerProfile.TOMCAT, "/echo");
    private static final Responder DEFAULT_SERVLET = new Responder("default", "/", "DEFAULT");

    private static Deployment deployment(ContainerProfile profile, String... endpoints) {
        List<KnownEndpoint> list = new ArrayList<>();
        for (String e : endpoints) {
            list.add(new KnownEndpoint(EndpointTemplate.parse(e), EndpointSource.INIT_PARAM));
        }
        return Deployment.builder("/app", profile, EndpointRegistry.of(list)).build();
    }

    private static RequestFacts get(String uri) {
        return new RequestFacts("GET", uri, "/app", "HTTP/1.1", "127.0.0.1");
    }

    private static Handshake handshake(Map<String, String> headers, String method, String protocol) {
        RawRequest.Builder r = RawRequest.request(method, "/app/echo", protocol).header("Host", "127.0.0.1");
        headers.forEach(r::header);
        return HandshakeClassifier.classify(new HeadRequest(r.build()));
    }

    private static final Map<String, String> VALID = Map.of("Upgrade", "websocket", "Connection", "Upgrade",
            "Sec-WebSocket-Key", RawRequest.SAMPLE_KEY, "Sec-WebSocket-Version", "13");

    /** A placeholder of wording.properties left unfilled, or a phrase missing (its key written instead). */
    private static final Pattern UNFILLED = Pattern.compile("\\{(fix|mapped|container|endpoint|label|client|paths"
            + "|answerer|path|origin|unavailable|explanation|reason|other|closest|list|url|context|own|evidence|uri"
            + "|value|requirement|count|failure)}|Cause\\.[A-Z_]+");

    private static String line(DiagnosisCode code, Deployment dep, RequestFacts r, Handshake h, Observation o,
            Enforcement e, boolean support) {
        return rendered(new Diagnosis(code, code.defaultLevel(), dep, r, h, o, e, support));
    }

    private static String rendered(Diagnosis d) {
        String line = d.line();
        assertTrue(line.startsWith(d.code().name() + " "), line);
        assertFalse(line.contains("\n") || line.contains("\r"), line);
        assertFalse(UNFILLED.matcher(line).find(), line);
        return line;
    }

    @Test
    void wsg01ReadsLikeTheSpecExampleWithTheClosestEndpointAsTheClientWritesIt() {
        // The specification's example line, with the closest endpoint as the client should write it: the context
        // path included, and the whole WebSocket URL (the Host the client addressed).
        Observation o = Observation.status(200).contentType("text/html").responder(DEFAULT_SERVLET).build();
        assertEquals("WSG01 WebSocket upgrade GET /app/ecco from 127.0.0.1 was answered 200 text/html by servlet"
                + " 'default' (mapping '/', DEFAULT) instead of 101. No WebSocket endpoint matches /ecco. Closest"
                + " endpoint: /app/echo, ws://chat.example:8080/app/echo. Fix the client URL, or deploy an endpoint at"
                + " /ecco.",
                line(DiagnosisCode.WSG01, JETTY, new RequestFacts("GET", "/app/ecco", "/app", "HTTP/1.1", "127.0.0.1",
                        "http", "chat.example:8080"), handshake(VALID, "GET", "HTTP/1.1"), o, Enforcement.NONE, true));
        // Behind a TLS-terminating proxy, the scheme the client used.
        assertTrue(line(DiagnosisCode.WSG01, JETTY, new RequestFacts("GET", "/app/ecco", "/app", "HTTP/1.1",
                "127.0.0.1", "https", "chat.example"), handshake(VALID, "GET", "HTTP/1.1"), o, Enforcement.NONE, true)
                .contains("Closest endpoint: /app/echo, wss://chat.example/app/echo."));
    }

    @Test
    void aTemplateIsFilledInFromTheRequestsOwnSegments() {
        Observation o = Observation.status(404).responder(DEFAULT_SERVLET).build();
        String line = line(DiagnosisCode.WSG02, JETTY, new RequestFacts("GET", "/app/chatt/lobby", "/app",
                "HTTP/1.1", "127.0.0.1", "http", "chat.example"), handshake(VALID, "GET", "HTTP/1.1"), o,
                Enforcement.NONE, true);
        assertTrue(line.contains("Closest endpoint: /app/chat/lobby, ws://chat.example/app/chat/lobby."), line);
    }

    @Test
    void wsg01NamesTheBodyAndTheReplacement() {
        byte[] page = "<!doctype html><title>Sign in</title><input type=\"password\">".getBytes(StandardCharsets.UTF_8);
        Observation o = Observation.status(200).contentType("text/html;charset=UTF-8").responder(
                new Responder("spa", "/*", "PATH")).body(BodySample.ofBytes(page, page.length, "UTF-8")).build();
        String line = line(DiagnosisCode.WSG01, JETTY, get("/app/chat"), handshake(VALID, "GET", "HTTP/1.1"), o,
                Enforcement.REPLACED, true);
        assertTrue(line.contains("was answered 200 text/html;charset=UTF-8 by servlet 'spa' (mapping '/*', PATH)"
                + " instead of 101 (body: an HTML page titled 'Sign in' that looks like a login page)."), line);
        assertTrue(line.contains("No WebSocket endpoint matches /chat. Closest endpoint: /app/chat/{room} (the URL"
                + " lacks the endpoint's last path segment), ws://<host>/app/chat/{room}."), line);
        assertTrue(line.endsWith("Answered 400 instead (mode=enforce)."), line);
    }

    @Test
    void wsg01WithoutWebSocketSupportNamesTheContainerFix() {
        Observation o = Observation.status(200).responder(DEFAULT_SERVLET).build();
        String jetty = line(DiagnosisCode.WSG01, JETTY, get("/app/echo"), handshake(VALID, "GET", "HTTP/1.1"), o,
                Enforcement.NONE, false);
        assertTrue(jetty.contains("WebSocket support is not enabled in this context (no"
                + " jakarta.websocket.server.ServerContainer; see WSG10)"), jetty);
        assertTrue(jetty.contains("ee10-websocket-jakarta"), jetty);
        String tomcat = line(DiagnosisCode.WSG01, TOMCAT, get("/app/echo"), handshake(VALID, "GET", "HTTP/1.1"), o,
                Enforcement.NONE, false);
        assertTrue(tomcat.contains("tomcat-embed-websocket"), tomcat);
    }

    /**
     * Tyrus (GlassFish, Payara) publishes no ServerContainer where a WAR holds no endpoint: a ROOT with nothing to serve
     * that catches a URL without its context path names the context that serves it, as on any container, instead of
     * "WebSocket support is not enabled"; with no other context, it says it deploys none. Where endpoints are declared,
     * the missing container still means what it says.
     */
    @Test
    void aGlassFishContextWithNothingToServeAsksTheOtherContextsFirst() {
        ContextDirectory others = () -> List.of(new ContextEndpoints("/app", List.of(EndpointTemplate.parse("/echo"))));
        Deployment root = Deployment.builder("", ContainerProfile.GLASSFISH, EndpointRegistry.of(List.of(),
                ScanState.RAN, false)).directory(others).build();
        assertTrue(root.nothingToServe());
        Observation notFound = Observation.status(404).responder(DEFAULT_SERVLET).build();
        Observation ok = Observation.status(200).responder(DEFAULT_SERVLET).build();
        RequestFacts withoutContextPath = new RequestFacts("GET", "/echo", "", "HTTP/1.1", "127.0.0.1");
        Diagnosis d = new Diagnosis(DiagnosisCode.WSG02, Level.WARNING, root, withoutContextPath,
                handshake(VALID, "GET", "HTTP/1.1"), notFound, Enforcement.NONE, false);
        assertEquals(Cause.ENDPOINT_IN_OTHER_CONTEXT, d.cause());
        String line = rendered(d);
        assertTrue(line.contains("Closest endpoint: /app/echo in context /app (the URL lacks that context path)."),
                line);
        assertFalse(line.contains("not enabled") || line.contains("WSG10"), line);

        Deployment alone = Deployment.builder("", ContainerProfile.GLASSFISH, EndpointRegistry.of(List.of(),
                ScanState.RAN, false)).build();
        assertEquals(Cause.NO_ENDPOINT_IN_CONTEXT, new Diagnosis(DiagnosisCode.WSG01, Level.WARNING, alone,
                withoutContextPath, handshake(VALID, "GET", "HTTP/1.1"), ok, Enforcement.NONE, false).cause());

        // Declared endpoints without a container: Tyrus was not given them, whatever the directory holds.
        Deployment declared = Deployment.builder("", ContainerProfile.GLASSFISH, EndpointRegistry.of(List.of(
                new KnownEndpoint(EndpointTemplate.parse("/chat"), EndpointSource.ANNOTATION_SCAN)), ScanState.RAN,
                false)).directory(others).build();
        assertFalse(declared.nothingToServe());
        assertEquals(Cause.NO_WEBSOCKET_SUPPORT, new Diagnosis(DiagnosisCode.WSG02, Level.WARNING, declared,
                withoutContextPath, handshake(VALID, "GET", "HTTP/1.1"), notFound, Enforcement.NONE, false).cause());
        // Not knowing the endpoints (no scan) is not knowing there are none.
        assertFalse(Deployment.builder("", ContainerProfile.GLASSFISH, EndpointRegistry.of(List.of(),
                ScanState.NOT_RUN, false)).build().nothingToServe());
        // Elsewhere a context without endpoints still gets a container: none means no support.
        Deployment tomcatRoot = Deployment.builder("", ContainerProfile.TOMCAT, EndpointRegistry.of(List.of(),
                ScanState.RAN, false)).directory(others).build();
        assertFalse(tomcatRoot.nothingToServe());
        assertEquals(Cause.NO_WEBSOCKET_SUPPORT, new Diagnosis(DiagnosisCode.WSG02, Level.WARNING, tomcatRoot,
                withoutContextPath, handshake(VALID, "GET", "HTTP/1.1"), notFound, Enforcement.NONE, false).cause());
    }

    @Test
    void declaredButNotDeployedEndpointIsSaidSo() {
        Observation o = Observation.status(200).responder(DEFAULT_SERVLET).build();
        String line = line(DiagnosisCode.WSG01, JETTY, get("/app/echo"), handshake(VALID, "GET", "HTTP/1.1"), o,
                Enforcement.NONE, true);
        assertTrue(line.contains("An endpoint is declared at /echo (init-param endpoints) but no WebSocket endpoint"
                + " took the request."), line);
        Deployment listed = Deployment.builder("/app", ContainerProfile.TOMCAT, EndpointRegistry.of(List.of(
                new KnownEndpoint(EndpointTemplate.parse("/echo"), EndpointSource.ANNOTATION_SCAN)), ScanState.RAN,
                true)).build();
        String notDeployed = line(DiagnosisCode.WSG01, listed, get("/app/echo"), handshake(VALID, "GET", "HTTP/1.1"),
                o, Enforcement.NONE, true);
        assertTrue(notDeployed.contains("An endpoint is declared at /echo (annotation scan) but the container has not"
                + " deployed it."), notDeployed);
    }

    @Test
    void aHandshakeToAJavaxEndpointsPathPointsToWsg11() {
        Deployment dep = Deployment.builder("/app", ContainerProfile.TOMCAT, EndpointRegistry.of(List.of(
                new KnownEndpoint(EndpointTemplate.parse("/echo"), EndpointSource.CONTAINER)), ScanState.RAN, true))
                .build();
        Observation o = Observation.status(200).responder(DEFAULT_SERVLET).build();
        String before = line(DiagnosisCode.WSG01, dep, get("/app/legacy/7"), handshake(VALID, "GET", "HTTP/1.1"), o,
                Enforcement.NONE, true);
        assertFalse(before.contains("javax"), before);
        // What the startup scan found a moment after init: a javax @ServerEndpoint("/legacy/{id}").
        dep.noteJavaxEndpoints(List.of(new KnownEndpoint(EndpointTemplate.parse("/legacy/{id}"),
                EndpointSource.JAVAX_CLASS_SCAN)));
        String after = line(DiagnosisCode.WSG01, dep, get("/app/legacy/7"), handshake(VALID, "GET", "HTTP/1.1"), o,
                Enforcement.NONE, true);
        assertTrue(after.contains("An endpoint written against javax.websocket is declared at /legacy/{id}"
                + " (javax.websocket class scan), but this container deploys only jakarta.websocket endpoints (see"
                + " WSG11). Fix: port it to jakarta.websocket"), after);
        assertFalse(after.contains("No WebSocket endpoint matches"), after);
        String elsewhere = line(DiagnosisCode.WSG01, dep, get("/app/ecco"), handshake(VALID, "GET", "HTTP/1.1"), o,
                Enforcement.NONE, true);
        assertFalse(elsewhere.contains("javax"), elsewhere);
    }

    @Test
    void aMappedEndpointThatDidNotAnswerIsExplainedPerContainer() {
        Observation o = Observation.status(200).responder(DEFAULT_SERVLET).build();
        for (ContainerProfile profile : new ContainerProfile[] {ContainerProfile.JETTY, ContainerProfile.TOMCAT}) {
            Deployment dep = Deployment.builder("/app", profile, EndpointRegistry.empty())
                    .mappings(path -> path.startsWith("/chat/") ? "/chat/{room}" : null).build();
            String line = line(DiagnosisCode.WSG01, dep, get("/app/chat/lobby"), handshake(VALID, "GET", "HTTP/1.1"),
                    o, Enforcement.NONE, true);
            assertTrue(line.contains("The container has an endpoint mapped at /chat/{room}, yet it did not take the"
                    + " request: "), line);
            assertTrue(line.contains(profile == ContainerProfile.JETTY ? "Jetty's WebSocket filter declined"
                    : "something between wsguard and the container's WebSocket filter answered first"), line);
        }
    }

    @Test
    void anEndpointInAnotherContextIsNamedWithItsContextPath() {
        ContextDirectory others = () -> List.of(new ContextEndpoints("/app", List.of(EndpointTemplate.parse("/echo"))));
        Deployment root = Deployment.builder("", ContainerProfile.JETTY, EndpointRegistry.empty()).directory(others)
                .build();
        String line = line(DiagnosisCode.WSG01, root, new RequestFacts("GET", "/echo", "", "HTTP/1.1", "127.0.0.1"),
                handshake(VALID, "GET", "HTTP/1.1"), Observation.status(200).responder(DEFAULT_SERVLET).build(),
                Enforcement.NONE, true);
        assertTrue(line.endsWith("No WebSocket endpoint matches /echo in this context. Closest endpoint: /app/echo in"
                + " context /app (the URL lacks that context path). Fix the client URL to /app/echo."), line);
    }

    @Test
    void withoutAnyRegistryTheLineDoesNotGuess() {
        Deployment unknown = Deployment.builder("/app", ContainerProfile.TOMCAT,
                EndpointRegistry.of(List.of(), ScanState.NOT_RUN, false)).build();
        String line = line(DiagnosisCode.WSG01, unknown, get("/app/ecco"), handshake(VALID, "GET", "HTTP/1.1"),
                Observation.status(200).build(), Enforcement.NONE, true);
        assertTrue(line.contains("wsguard cannot tell which endpoint was meant (endpoint registry unavailable:"), line);
        assertFalse(line.contains("No WebSocket endpoint matches"), line);
        Deployment none = Deployment.builder("/app", ContainerProfile.TOMCAT,
                EndpointRegistry.of(List.of(), ScanState.RAN, true)).build();
        assertTrue(line(DiagnosisCode.WSG01, none, get("/app/ecco"), handshake(VALID, "GET", "HTTP/1.1"),
                Observation.status(200).build(), Enforcement.NONE, true).contains("This context deploys no WebSocket"
                        + " endpoint."));
    }

    /** A deployment whose registry holds the init-param's endpoints and is complete only as given. */
    private static Deployment withRegistry(ScanState scan, boolean containerListed, ContextDirectory directory,
            String... initParam) {
        List<KnownEndpoint> list = new ArrayList<>();
        for (String e : initParam) {
            list.add(new KnownEndpoint(EndpointTemplate.parse(e), EndpointSource.INIT_PARAM));
        }
        return Deployment.builder("/app", ContainerProfile.TOMCAT, EndpointRegistry.of(list, scan, containerListed))
                .directory(directory).build();
    }

    private static String misrouted(DiagnosisCode code, Deployment dep, String uri) {
        int status = code == DiagnosisCode.WSG02 ? 404 : code == DiagnosisCode.WSG08 ? 405 : 200;
        return line(code, dep, get(uri), handshake(VALID, "GET", "HTTP/1.1"),
                Observation.status(status).responder(DEFAULT_SERVLET).build(), Enforcement.NONE, true);
    }

    private static final DiagnosisCode[] MISROUTED = {DiagnosisCode.WSG01, DiagnosisCode.WSG02, DiagnosisCode.WSG08};

    @Test
    void anIncompleteRegistryWithInitParamEndpointsHintsOnlyFromThatList() {
        for (ScanState scan : new ScanState[] {ScanState.NOT_RUN, ScanState.FAILED, ScanState.NO_API}) {
            Deployment dep = withRegistry(scan, false, ContextDirectory.NONE, "/echo", "/chat/{room}");
            for (DiagnosisCode code : MISROUTED) {
                String near = misrouted(code, dep, "/app/ecco");
                assertFalse(near.contains("No WebSocket endpoint matches"), near);
                assertTrue(near.contains("wsguard cannot tell which endpoint was meant (endpoint registry unavailable: "
                        + scan.reason() + " and the container's mappings could not be read; see WSG00)."), near);
                assertTrue(near.contains(" Closest endpoint in the endpoints init-param (the only list wsguard has):"
                        + " /app/echo, ws://<host>/app/echo. Fix the client URL, or check that an endpoint is deployed at"
                        + " /ecco."), near);
                String far = misrouted(code, dep, "/app/stock");
                assertFalse(far.contains("No WebSocket endpoint matches"), far);
                assertFalse(far.contains("Known endpoints"), far);
                assertTrue(far.contains(" The endpoints init-param (the only list wsguard has) names /echo,"
                        + " /chat/{room}. Fix the client URL, or check that an endpoint is deployed at /stock."), far);
            }
        }
    }

    @Test
    void anIncompleteRegistryWithoutEndpointsSaysSoAndNothingElse() {
        Deployment dep = withRegistry(ScanState.NOT_RUN, false, ContextDirectory.NONE);
        for (DiagnosisCode code : MISROUTED) {
            String line = misrouted(code, dep, "/app/ecco");
            assertTrue(line.contains("wsguard cannot tell which endpoint was meant (endpoint registry unavailable:"
                    + " wsguard's initializer did not run and the container's mappings could not be read; see WSG00;"
                    + " no endpoints parameter either). Fix the client URL, or check that an endpoint is deployed at"
                    + " /ecco."), line);
            assertFalse(line.contains("No WebSocket endpoint matches") || line.contains("deploys no WebSocket"), line);
        }
    }

    @Test
    void anIncompleteRegistrySaysSoEvenForTheDeclaredPathAndAnotherContext() {
        Deployment declared = withRegistry(ScanState.NOT_RUN, false, ContextDirectory.NONE, "/echo");
        String same = misrouted(DiagnosisCode.WSG01, declared, "/app/echo");
        assertTrue(same.contains("An endpoint is declared at /echo (init-param endpoints) but no WebSocket endpoint"
                + " took the request (endpoint registry unavailable: wsguard's initializer did not run and the"
                + " container's mappings could not be read; see WSG00). Fix: deploy the endpoint"), same);
        ContextDirectory others = () -> List.of(new ContextEndpoints("/chat", List.of(EndpointTemplate.parse("/live"))));
        Deployment elsewhere = withRegistry(ScanState.NOT_RUN, false, others);
        String other = misrouted(DiagnosisCode.WSG02, elsewhere, "/app/live");
        assertFalse(other.contains("No WebSocket endpoint matches"), other);
        assertTrue(other.contains("(endpoint registry unavailable: wsguard's initializer did not run"), other);
        assertTrue(other.contains(" Another context has one: /chat/live in context /chat (the URL names context /app"
                + " instead). Fix the client URL to /chat/live, or check that an endpoint is deployed at /live."),
                other);
    }

    @Test
    void containerMappingsAloneMakeTheRegistryCompleteEnoughToSayNoEndpointMatches() {
        Deployment dep = withRegistry(ScanState.NOT_RUN, true, ContextDirectory.NONE, "/echo");
        for (DiagnosisCode code : MISROUTED) {
            String line = misrouted(code, dep, "/app/ecco");
            assertTrue(line.contains("No WebSocket endpoint matches /ecco. Closest endpoint: /app/echo,"
                    + " ws://<host>/app/echo. Fix the client URL, or deploy an endpoint at /ecco."), line);
            assertFalse(line.contains("unavailable"), line);
        }
        String none = misrouted(DiagnosisCode.WSG02, withRegistry(ScanState.NOT_RUN, true, ContextDirectory.NONE),
                "/app/ecco");
        assertTrue(none.contains("This context deploys no WebSocket endpoint."), none);
    }

    @Test
    void wsg02BehindAProxyNamesItsPathMappingAsALikelyCauseWithWhatArrived() {
        Map<String, String> proxied = new HashMap<>(VALID);
        proxied.put("X-Forwarded-For", "10.0.0.9");
        proxied.put("X-Original-URI", "/ws/stock");
        Observation o = Observation.status(404).responder(DEFAULT_SERVLET).build();
        String line = line(DiagnosisCode.WSG02, JETTY, get("/app/ws/stock"), handshake(proxied, "GET", "HTTP/1.1"), o,
                Enforcement.UNCHANGED, true);
        assertTrue(line.endsWith(" A proxy forwarded it (X-Forwarded-For: 10.0.0.9; X-Original-URI: /ws/stock): if the"
                + " client's URL is right, the proxy's path mapping changed it, and this server received /app/ws/stock;"
                + " then fix that mapping instead (nginx: a URI after proxy_pass replaces the location's prefix)."
                + " Enforce mode: left unchanged."), line);
        // Without a proxy's headers, nothing of the kind.
        String direct = line(DiagnosisCode.WSG02, JETTY, get("/app/ws/stock"), handshake(VALID, "GET", "HTTP/1.1"), o,
                Enforcement.UNCHANGED, true);
        assertFalse(direct.contains("proxy"), direct);
    }

    @Test
    void wsg02AndUnknownEndpointsList() {
        Observation o = Observation.status(404).responder(DEFAULT_SERVLET).build();
        String line = line(DiagnosisCode.WSG02, JETTY, get("/app/stock"), handshake(VALID, "GET", "HTTP/1.1"), o,
                Enforcement.UNCHANGED, true);
        assertEquals("WSG02 WebSocket upgrade GET /app/stock from 127.0.0.1 was answered 404 by servlet 'default'"
                + " (mapping '/', DEFAULT) instead of 101. No WebSocket endpoint matches /stock. Known endpoints:"
                + " /echo, /chat/{room}. Fix the client URL, or deploy an endpoint at /stock. Enforce mode: left"
                + " unchanged.", line);
    }

    @Test
    void wsg03NamesTheEvidenceAndTheProxyFix() {
        Handshake h = handshake(Map.of("Connection", "close", "X-Forwarded-For", "10.0.0.9",
                "Sec-WebSocket-Key", RawRequest.SAMPLE_KEY, "Sec-WebSocket-Version", "13"), "GET", "HTTP/1.1");
        Observation o = Observation.status(200).contentType("text/plain").responder(
                new Responder("root", "/", "DEFAULT")).build();
        String line = line(DiagnosisCode.WSG03, JETTY, get("/app/echo"), h, o, Enforcement.NONE, true);
        // Code, what happened, who answered, the likely cause, the fix: in that order.
        assertTrue(line.startsWith("WSG03 WebSocket handshake GET /app/echo from 127.0.0.1 arrived without 'Upgrade:"
                + " websocket' and 'Connection: Upgrade' yet with Sec-WebSocket-* headers and was answered 200"
                + " text/plain on its way to servlet 'root' (mapping '/', DEFAULT): the hop-by-hop headers were"
                + " stripped on the way, most likely by a reverse proxy (evidence: Connection: close; X-Forwarded-For:"
                + " 10.0.0.9). Fix the proxy: nginx, in the location: "), line);
        assertTrue(line.contains("proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection"
                + " \"upgrade\";"), line);
        assertTrue(line.contains("add upgrade=websocket to the ProxyPass line"), line);
        assertTrue(line.endsWith("(docs/troubleshooting.md#wsg03)."), line);
        String answered = line(DiagnosisCode.WSG03, JETTY, get("/app/echo"), h, null, Enforcement.ANSWERED, true);
        assertTrue(answered.contains("yet with Sec-WebSocket-* headers: the hop-by-hop headers were stripped"), answered);
        assertTrue(answered.endsWith("(docs/troubleshooting.md#wsg03). wsguard answered 426 (mode=enforce)."), answered);
    }

    @Test
    void wsg03ForAHandshakeForwardedAsHttp10GivesNginxsWholeFixShortAndValidAsPasted() {
        // nginx with proxy_pass alone: HTTP/1.0 to the backend, its own Connection: close, no Upgrade.
        Handshake h = handshake(Map.of("Connection", "close", "Sec-WebSocket-Key", RawRequest.SAMPLE_KEY,
                "Sec-WebSocket-Version", "13"), "GET", "HTTP/1.0");
        Observation o = Observation.status(200).contentType("text/plain").responder(
                new Responder("root", "/", "DEFAULT")).build();
        String line = line(DiagnosisCode.WSG03, JETTY, new RequestFacts("GET", "/app/echo", "/app", "HTTP/1.0",
                "127.0.0.1"), h, o, Enforcement.NONE, true);
        assertEquals("WSG03 WebSocket handshake GET /app/echo from 127.0.0.1 arrived as HTTP/1.0 without Upgrade and"
                + " Connection (answered 200): likely nginx's default proxy_http_version 1.0 dropped them (evidence:"
                + " HTTP/1.0; Connection: close). Fix the nginx location: proxy_http_version 1.1; proxy_set_header"
                + " Upgrade $http_upgrade; proxy_set_header Connection \"upgrade\";", line);
        assertTrue(line.length() <= 350, line.length() + ": " + line);
        // One round trip: the version and both headers in the one fix, and nothing for other proxies.
        assertTrue(line.contains(Messages.NGINX_LOCATION_FIX), line);
        assertFalse(line.contains("Apache") || line.contains("HAProxy"), line);
    }

    /** A stripped handshake with these headers added (name, value, ...), as WSG03 logs it. */
    private static String strippedThrough(String... headers) {
        Map<String, String> h = new java.util.LinkedHashMap<>();
        h.put("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY);
        h.put("Sec-WebSocket-Version", "13");
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return line(DiagnosisCode.WSG03, JETTY, get("/app/echo"), handshake(h, "GET", "HTTP/1.1"),
                Observation.status(200).contentType("text/html").responder(DEFAULT_SERVLET).build(), Enforcement.NONE,
                true);
    }

    /** Where the headers name the proxy, the line names it and gives its fix alone, whole. */
    @Test
    void wsg03NamesTheProxyItsHeadersShowAndGivesItsFixOnly() {
        String apache = strippedThrough("X-Forwarded-For", "127.0.0.1", "X-Forwarded-Host", "127.0.0.1:8443",
                "X-Forwarded-Server", "127.0.0.1", "Connection", "Keep-Alive");
        assertEquals("WSG03 WebSocket handshake GET /app/echo from 127.0.0.1 arrived without 'Upgrade: websocket' and"
                + " 'Connection: Upgrade' yet with Sec-WebSocket-* headers and was answered 200 text/html on its way to"
                + " servlet 'default' (mapping '/', DEFAULT): likely Apache httpd, whose mod_proxy_http forwards no"
                + " upgrade unless its ProxyPass line asks for one (evidence: X-Forwarded-For: 127.0.0.1;"
                + " X-Forwarded-Host: 127.0.0.1:8443; X-Forwarded-Server: 127.0.0.1). Fix Apache httpd (2.4.47 or"
                + " newer): add upgrade=websocket to the end of the ProxyPass line that forwards this path (older:"
                + " mod_proxy_wstunnel).", apache);
        String nginx = strippedThrough("Connection", "close", "X-Real-IP", "127.0.0.1", "X-Forwarded-For",
                "127.0.0.1");
        assertTrue(nginx.contains(": likely nginx, which forwards neither Upgrade nor Connection unless its location"
                + " sets them (evidence: Connection: close; X-Forwarded-For: 127.0.0.1; X-Real-IP: 127.0.0.1). Fix the"
                + " nginx location: " + Messages.NGINX_LOCATION_FIX), nginx);
        assertTrue(nginx.endsWith(Messages.NGINX_LOCATION_FIX), nginx);
        for (String named : List.of(apache, nginx)) {
            assertFalse(named.contains("HAProxy") || named.contains("docs/troubleshooting"), named);
        }
        assertFalse(apache.contains("nginx"), apache);
        assertFalse(nginx.contains("Apache"), nginx);
        // A CDN that forwards upgrades itself: its own setting, and the hop behind it.
        String cloudflare = strippedThrough("CF-Ray", "8d1c2e3f4a5b6c7d-FRA", "X-Forwarded-For", "203.0.113.7");
        assertTrue(cloudflare.contains(": Cloudflare forwards upgrades unless the zone's WebSockets setting is off, so"
                + " that setting or a proxy between Cloudflare and this server dropped them (evidence: X-Forwarded-For:"
                + " 203.0.113.7; CF-Ray: 8d1c2e3f4a5b6c7d-FRA). Fix: turn on Network > WebSockets for the zone in"
                + " Cloudflare, or fix the proxy behind it (nginx: " + Messages.NGINX_LOCATION_FIX + " Apache httpd:"
                + " upgrade=websocket on its ProxyPass line; others: docs/troubleshooting.md#wsg03)."), cloudflare);
        // Headers any proxy adds name none: the general advice.
        String anonymous = strippedThrough("x-forwarded-for", "127.0.0.1");
        assertTrue(anonymous.contains("most likely by a reverse proxy (evidence: X-Forwarded-For: 127.0.0.1). Fix the"
                + " proxy: nginx, in the location: "), anonymous);
        // A hostile value in a naming header is escaped like any request data.
        String hostile = strippedThrough("X-Varnish", "1\u001b[2J\r\nWSG00 forged", "X-Forwarded-For", "10.0.0.1");
        assertFalse(hostile.contains("\u001b") || hostile.contains("\n"), hostile);
        assertTrue(hostile.contains("likely Varnish"), hostile);
    }

    /**
     * HTTP/1.0 towards the backend is nginx's default, so it names nginx, also behind a CDN that forwards upgrades;
     * where the headers name another proxy that strips upgrades (Apache httpd told to speak HTTP/1.0), that one.
     */
    @Test
    void aHandshakeDowngradedToHttp10NamesNginxUnlessTheHeadersNameAnotherStrippingProxy() {
        Map<String, String> cdn = new HashMap<>(Map.of("Connection", "close", "Sec-WebSocket-Key",
                RawRequest.SAMPLE_KEY, "Sec-WebSocket-Version", "13", "CF-Ray", "8d1c2e3f4a5b6c7d-FRA"));
        String behindCdn = line(DiagnosisCode.WSG03, JETTY, new RequestFacts("GET", "/app/echo", "/app", "HTTP/1.0",
                "127.0.0.1"), handshake(cdn, "GET", "HTTP/1.0"), null, Enforcement.NONE, true);
        assertTrue(behindCdn.contains(": likely nginx's default proxy_http_version 1.0 dropped them (evidence:"
                + " HTTP/1.0; Connection: close; CF-Ray: 8d1c2e3f4a5b6c7d-FRA). Fix the nginx location: "), behindCdn);
        Map<String, String> apache = new HashMap<>(Map.of("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY,
                "Sec-WebSocket-Version", "13", "X-Forwarded-Server", "proxy.example"));
        String forced = line(DiagnosisCode.WSG03, JETTY, new RequestFacts("GET", "/app/echo", "/app", "HTTP/1.0",
                "127.0.0.1"), handshake(apache, "GET", "HTTP/1.0"), null, Enforcement.NONE, true);
        assertTrue(forced.contains("arrived as HTTP/1.0 without Upgrade and Connection yet with Sec-WebSocket-*"
                + " headers: likely Apache httpd, whose mod_proxy_http forwards no upgrade unless its ProxyPass line"
                + " asks for one (evidence: HTTP/1.0; X-Forwarded-Server: proxy.example). Fix Apache httpd"), forced);
        assertFalse(forced.contains("nginx"), forced);
    }

    /** Every piece of WSG03's proxy advice, each one a line of config someone will copy. */
    static final List<String> PROXY_ADVICE = List.of(
            "nginx, in the location: proxy_http_version 1.1;",
            " proxy_set_header Upgrade $http_upgrade;",
            " proxy_set_header Connection \"upgrade\";",
            "Apache httpd 2.4.47 or newer: add upgrade=websocket to the ProxyPass line",
            "(older: mod_proxy_wstunnel)",
            "HAProxy forwards upgrades in mode http, so remove any rule that deletes Upgrade or Connection",
            "(docs/troubleshooting.md#wsg03).");

    @Test
    void wsg03CarriesTheWholeProxyAdvice() {
        Handshake h = handshake(Map.of("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY, "Sec-WebSocket-Version", "13"),
                "GET", "HTTP/1.1");
        String line = line(DiagnosisCode.WSG03, JETTY, get("/app/echo"), h, null, Enforcement.NONE, true);
        for (String advice : PROXY_ADVICE) {
            assertTrue(line.contains(advice), () -> "WSG03 must say [" + advice + "]: " + line);
        }
        assertTrue(line.endsWith(". Fix the proxy: nginx, in the location: proxy_http_version 1.1; proxy_set_header"
                + " Upgrade $http_upgrade; proxy_set_header Connection \"upgrade\"; Apache httpd 2.4.47 or newer: add"
                + " upgrade=websocket to the ProxyPass line (older: mod_proxy_wstunnel). HAProxy forwards upgrades in"
                + " mode http, so remove any rule that deletes Upgrade or Connection"
                + " (docs/troubleshooting.md#wsg03)."), line);
        // What is quoted for nginx is the config proven to work through a real nginx (tests/proxies).
        assertTrue(line.contains("nginx, in the location: " + Messages.NGINX_LOCATION_FIX + " Apache"), line);
    }

    @Test
    void wsg04SaysExactlyWhatIsWrong() {
        Handshake post = handshake(VALID, "POST", "HTTP/1.1");
        String line = line(DiagnosisCode.WSG04, TOMCAT, new RequestFacts("POST", "/app/echo", "/app", "HTTP/1.1",
                "::1"), post, null, Enforcement.ANSWERED, true);
        assertEquals("WSG04 Malformed WebSocket handshake POST /app/echo HTTP/1.1 from ::1: the method is [POST]; a"
                + " WebSocket handshake must use the GET method (RFC 6455 section 4.2.1). Fix the client: open it with"
                + " a WebSocket client (new WebSocket(url)), not a form or a fetch. wsguard answered 400"
                + " (mode=enforce).", line);
        Handshake twoKeys = handshake(Map.of("Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Key",
                RawRequest.SAMPLE_KEY, "Sec-WebSocket-Version", "13"), "GET", "HTTP/1.1");
        assertEquals(null, twoKeys.problem());
    }

    @Test
    void aContainerThatToleratesABadHandshakeIsNamed() {
        Handshake h = handshake(VALID, "GET", "HTTP/1.0");
        String line = line(DiagnosisCode.WSG04, TOMCAT, new RequestFacts("GET", "/app/echo", "/app", "HTTP/1.0",
                "127.0.0.1"), h, Observation.status(101).responder(DEFAULT_SERVLET).build(), Enforcement.NONE, true);
        assertTrue(line.contains("the request is [HTTP/1.0]; a WebSocket handshake needs HTTP/1.1 or newer (RFC 6455"
                + " section 4.2.1). The WebSocket container accepted it anyway (101), but clients, proxies and other"
                + " containers may not. Fix: send it over HTTP/1.1;"), line);
        String refused = line(DiagnosisCode.WSG04, TOMCAT, new RequestFacts("GET", "/app/echo", "/app", "HTTP/1.0",
                "127.0.0.1"), h, Observation.status(400).responder(DEFAULT_SERVLET).build(), Enforcement.NONE, true);
        assertTrue(refused.contains("(RFC 6455 section 4.2.1). It was answered 400 on its way to servlet 'default'"
                + " (mapping '/', DEFAULT). Fix: send it over HTTP/1.1; a proxy in between must speak HTTP/1.1 to this"
                + " server (nginx: proxy_http_version 1.1)."), refused);
        assertTrue(refused.endsWith("(nginx: proxy_http_version 1.1)."), refused);
    }

    @Test
    void wsg05NamesTheVersion() {
        Handshake h = handshake(Map.of("Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Key",
                RawRequest.SAMPLE_KEY, "Sec-WebSocket-Version", "8"), "GET", "HTTP/1.1");
        String line = line(DiagnosisCode.WSG05, TOMCAT, get("/app/echo"), h, Observation.status(426).build(),
                Enforcement.NONE, true);
        assertEquals("WSG05 WebSocket handshake GET /app/echo from 127.0.0.1 asks for Sec-WebSocket-Version [8]; this"
                + " server speaks only version 13 (RFC 6455). It was answered 426 by the application. Fix: use a client"
                + " that speaks RFC 6455 (every current browser and library does); an outdated client or a hand-made"
                + " request sent this.", line);
    }

    @Test
    void wsg07ForRedirectsAuthAndFailures() {
        Handshake h = handshake(VALID, "GET", "HTTP/1.1");
        String redirect = line(DiagnosisCode.WSG07, JETTY, get("/app/secure/echo"), h,
                Observation.status(302).location("http://127.0.0.1/app/login").build(), Enforcement.UNCHANGED, true);
        assertTrue(redirect.contains("was answered 302 (Location: http://127.0.0.1/app/login) by the application"
                + " instead of 101: the application redirected the handshake"), redirect);
        String filtered = line(DiagnosisCode.WSG07, JETTY, get("/app/secure/echo"), h,
                Observation.status(302).responder(DEFAULT_SERVLET).build(), Enforcement.NONE, true);
        assertTrue(filtered.contains("was answered 302 on its way to servlet 'default' (mapping '/', DEFAULT)"),
                filtered);
        String auth = line(DiagnosisCode.WSG07, JETTY, get("/app/secure/echo"), h,
                Observation.status(401).wwwAuthenticate("Basic realm=\"x\"").build(), Enforcement.NONE, true);
        assertTrue(auth.contains("401 (WWW-Authenticate: Basic realm=\"x\")"), auth);
        String failed = line(DiagnosisCode.WSG07, JETTY, get("/app/echo"), h,
                Observation.status(500).failure("java.lang.IllegalStateException").build(), Enforcement.NONE, true);
        assertTrue(failed.contains("failed while handling the handshake (java.lang.IllegalStateException thrown)"),
                failed);
        assertEquals(Level.INFO, Verdicts.level(DiagnosisCode.WSG07, 401));
        assertEquals(Level.WARNING, Verdicts.level(DiagnosisCode.WSG07, 302));
    }

    @Test
    void wsg07For403WithAnOriginAtAnEndpointNamesItsOriginCheck() {
        Handshake h = handshake(VALID, "GET", "HTTP/1.1");
        Observation forbidden = Observation.status(403).responder(DEFAULT_SERVLET).build();
        RequestFacts fromAPage = new RequestFacts("GET", "/app/chat/lobby", "/app", "HTTP/1.1", "127.0.0.1", "http",
                "127.0.0.1", "https://evil.example");
        String line = line(DiagnosisCode.WSG07, JETTY, fromAPage, h, forbidden, Enforcement.UNCHANGED, true);
        assertTrue(line.contains("instead of 101: the WebSocket endpoint at /chat/{room} refused Origin"
                + " https://evil.example: its ServerEndpointConfig.Configurator's checkOrigin returned false, which the"
                + " container answers with 403 (unless an access rule refused it first). Fix: let the page's origin"
                + " in, in that configurator's checkOrigin(String), or connect from a page it allows. Enforce mode:"
                + " left unchanged."), line);
        // Without an Origin, or where no endpoint is, it stays the general 403.
        String noOrigin = line(DiagnosisCode.WSG07, JETTY, get("/app/chat/lobby"), h, forbidden,
                Enforcement.UNCHANGED, true);
        assertTrue(noOrigin.contains("an origin check or an access rule refused it"), noOrigin);
        String elsewhere = line(DiagnosisCode.WSG07, JETTY, new RequestFacts("GET", "/app/admin", "/app", "HTTP/1.1",
                "127.0.0.1", "http", "127.0.0.1", "https://evil.example"), h, forbidden, Enforcement.UNCHANGED, true);
        assertTrue(elsewhere.contains("an origin check or an access rule refused it"), elsewhere);
        // A hostile Origin is escaped as request data is.
        String hostile = line(DiagnosisCode.WSG07, JETTY, new RequestFacts("GET", "/app/echo", "/app", "HTTP/1.1",
                "127.0.0.1", "http", "127.0.0.1", "https://x\n\u001b[2JWSG00 forged"), h, forbidden,
                Enforcement.UNCHANGED, true);
        assertFalse(hostile.contains("\u001b"), hostile);
    }

    @Test
    void wsg06ForPlainRequests() {
        String line = line(DiagnosisCode.WSG06, JETTY, get("/app/chat/lobby"), null,
                Observation.status(404).responder(DEFAULT_SERVLET).build(), Enforcement.NONE, true);
        assertTrue(line.startsWith("WSG06 Plain GET /app/chat/lobby from 127.0.0.1 (no Upgrade, Connection or"
                + " Sec-WebSocket-* headers) reached WebSocket endpoint path /chat/{room} and was answered 404 by"
                + " servlet 'default' (mapping '/', DEFAULT)."), line);
        assertTrue(line.endsWith(" The WebSocket URL to use is ws://<host>/app/chat/lobby."), line);
    }

    @Test
    void wsg06NamesTheWebSocketUrlForTheRequestsSchemeAndHost() {
        Observation o = Observation.status(200).responder(DEFAULT_SERVLET).build();
        String tls = line(DiagnosisCode.WSG06, JETTY, new RequestFacts("GET", "/app/echo", "/app", "HTTP/1.1",
                "127.0.0.1", "https", "chat.example.com"), null, o, Enforcement.NONE, true);
        assertTrue(tls.endsWith(" The WebSocket URL to use is wss://chat.example.com/app/echo."), tls);
        String plain = line(DiagnosisCode.WSG06, JETTY, new RequestFacts("GET", "/app/echo", "/app", "HTTP/1.1",
                "127.0.0.1", "http", "127.0.0.1:8080"), null, o, Enforcement.NONE, true);
        assertTrue(plain.endsWith(" The WebSocket URL to use is ws://127.0.0.1:8080/app/echo."), plain);
        String forged = line(DiagnosisCode.WSG06, JETTY, new RequestFacts("GET", "/app/echo", "/app", "HTTP/1.1",
                "127.0.0.1", "http", "h\r\nWSG01 forged\u001b"), null, o, Enforcement.NONE, true);
        assertFalse(forged.contains("\u001b"), forged);
    }

    @Test
    void requestDataIsSanitizedEverywhere() {
        String evil = "/app/x\r\nWSG01 forged\u001b[2J";
        Handshake h = handshake(Map.of("Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Key",
                "bad\nkey", "Sec-WebSocket-Version", "13"), "GET", "HTTP/1.1");
        for (DiagnosisCode code : new DiagnosisCode[] {DiagnosisCode.WSG01, DiagnosisCode.WSG02, DiagnosisCode.WSG04,
            DiagnosisCode.WSG06, DiagnosisCode.WSG07, DiagnosisCode.WSG08}) {
            Observation o = Observation.status(code == DiagnosisCode.WSG07 ? 302 : 200).location("/x\n")
                    .contentType("text/html\r\nX: y").responder(new Responder("a\nb", "/\r", "DEFAULT")).build();
            String line = line(code, JETTY, new RequestFacts("GET", evil, "/app", "HTTP/1.1", "1.2.3.4\n"), h, o,
                    Enforcement.NONE, true);
            assertFalse(line.contains("\u001b"), line);
        }
    }

    @Test
    void http2UpgradesAreNamedAsSuch() {
        Handshake connect = handshake(Map.of("Sec-WebSocket-Version", "13"), "CONNECT", "HTTP/2.0");
        String line = line(DiagnosisCode.WSG01, JETTY, new RequestFacts("CONNECT", "/app/ecco", "/app", "HTTP/2.0",
                "127.0.0.1"), connect, Observation.status(200).build(), Enforcement.NONE, true);
        assertTrue(line.startsWith("WSG01 WebSocket upgrade (HTTP/2 extended CONNECT) CONNECT /app/ecco"), line);
    }

    @Test
    void enforceAnswersCarryNoRequestDataAndTheRequiredHeaders() {
        Handshake h = handshake(VALID, "GET", "HTTP/1.1");
        EnforceAnswer wsg05 = EnforceAnswer.forCode(DiagnosisCode.WSG05, h);
        assertEquals(426, wsg05.status());
        assertEquals("13", wsg05.headers().get("Sec-WebSocket-Version"));
        assertEquals("websocket", wsg05.headers().get("Upgrade"));
        assertEquals("Upgrade", wsg05.headers().get("Connection"));
        assertEquals("WSG05", wsg05.headers().get("WSGuard-Code"));
        assertEquals("nosniff", wsg05.headers().get("X-Content-Type-Options"));
        assertEquals("no-store", wsg05.headers().get("Cache-Control"));
        assertEquals(400, EnforceAnswer.forCode(DiagnosisCode.WSG01, h).status());
        assertEquals(426, EnforceAnswer.forCode(DiagnosisCode.WSG03, h).status());
        assertEquals(426, EnforceAnswer.forCode(DiagnosisCode.WSG06, null).status());
        assertEquals(null, EnforceAnswer.forCode(DiagnosisCode.WSG02, h));
        for (DiagnosisCode c : DiagnosisCode.values()) {
            EnforceAnswer a = EnforceAnswer.forCode(c, h);
            if (a != null) {
                assertTrue(a.reason().startsWith(c.name() + " "), a.reason());
                assertTrue(a.body(null).startsWith(c.name()), a.body(null));
            }
        }
    }
    /** A diagnosis of a valid handshake answered {@code status}, classified but not rendered. */
    private static Diagnosis valid(DiagnosisCode code, Deployment dep, RequestFacts r, Observation o, boolean support) {
        return new Diagnosis(code, code.defaultLevel(), dep, r, handshake(VALID, "GET", "HTTP/1.1"), o,
                Enforcement.NONE, support);
    }

    private static RequestFacts fromPage(String uri) {
        return new RequestFacts("GET", uri, "/app", "HTTP/1.1", "127.0.0.1", "http", "127.0.0.1",
                "https://evil.example");
    }

    /**
     * Classify, then render: each cause is chosen from the facts alone, and every cause a request line can name is
     * reached by one case here (a cause no facts lead to would be dead text), and renders without a gap.
     */
    @Test
    void everyCauseIsChosenFromTheFactsAndRenderedWhole() {
        Observation ok = Observation.status(200).responder(DEFAULT_SERVLET).build();
        Map<Cause, Diagnosis> cases = new java.util.EnumMap<>(Cause.class);
        cases.put(Cause.NO_WEBSOCKET_SUPPORT, valid(DiagnosisCode.WSG01, JETTY, get("/app/echo"), ok, false));
        for (ContainerProfile p : new ContainerProfile[] {ContainerProfile.JETTY, ContainerProfile.TOMCAT}) {
            Deployment mapped = Deployment.builder("/app", p, EndpointRegistry.empty())
                    .mappings(path -> path.equals("/echo") ? "/echo" : null).build();
            cases.put(p == ContainerProfile.JETTY ? Cause.MAPPED_ENDPOINT_DECLINED : Cause.MAPPED_ENDPOINT_PREEMPTED,
                    valid(DiagnosisCode.WSG01, mapped, get("/app/echo"), ok, true));
        }
        Deployment javax = deployment(ContainerProfile.TOMCAT);
        javax.noteJavaxEndpoints(List.of(new KnownEndpoint(EndpointTemplate.parse("/old"),
                EndpointSource.JAVAX_CLASS_SCAN)));
        cases.put(Cause.JAVAX_ENDPOINT, valid(DiagnosisCode.WSG01, javax, get("/app/old"), ok, true));
        Deployment sockJs = Deployment.builder("/app", ContainerProfile.TOMCAT, EndpointRegistry.of(List.of(
                new KnownEndpoint(EndpointTemplate.parse("/ws"), EndpointSource.FRAMEWORK, "SockJS endpoint", true,
                        "a SockJS client"),
                new KnownEndpoint(EndpointTemplate.parse("/ws/websocket"), EndpointSource.FRAMEWORK, "SockJS endpoint",
                        false, null),
                new KnownEndpoint(EndpointTemplate.parse("/live"), EndpointSource.FRAMEWORK, "Spring WebSocketHandler",
                        false, null)))).build();
        cases.put(Cause.ENDPOINT_ANSWERED_PLAIN_HTTP, valid(DiagnosisCode.WSG01, sockJs, get("/app/ws"), ok, true));
        cases.put(Cause.FRAMEWORK_ENDPOINT_SHADOWED_BY_HANDLER, valid(DiagnosisCode.WSG01, sockJs, get("/app/live"),
                ok.withResponder(DEFAULT_SERVLET.withAnswerer("handler 'LiveController'", "give it a lower order")),
                true));
        cases.put(Cause.FRAMEWORK_ENDPOINT_SHADOWED, valid(DiagnosisCode.WSG01, sockJs, get("/app/live"), ok, true));
        cases.put(Cause.ORIGIN_REFUSED_PASSED_ON, valid(DiagnosisCode.WSG01, deployment(ContainerProfile.UNDERTOW,
                "/echo"), fromPage("/app/echo"), ok, true));
        cases.put(Cause.ENDPOINT_NOT_DEPLOYED, valid(DiagnosisCode.WSG01, JETTY, get("/app/echo"), ok, true));
        cases.put(Cause.FRAMEWORK_EXPLAINED_PATH, valid(DiagnosisCode.WSG02, JETTY, get("/app/topic/news"),
                Observation.status(404).responder(DEFAULT_SERVLET.withExplanation("/topic/news is a STOMP"
                        + " destination, not a URL")).build(), true));
        cases.put(Cause.REGISTRY_UNAVAILABLE, valid(DiagnosisCode.WSG01, withRegistry(ScanState.NOT_RUN, false,
                ContextDirectory.NONE, "/echo"), get("/app/ecco"), ok, true));
        ContextDirectory others = () -> List.of(new ContextEndpoints("/app", List.of(EndpointTemplate.parse("/echo"))));
        cases.put(Cause.ENDPOINT_IN_OTHER_CONTEXT, valid(DiagnosisCode.WSG02, Deployment.builder("",
                ContainerProfile.JETTY, EndpointRegistry.empty()).directory(others).build(), new RequestFacts("GET",
                "/echo", "", "HTTP/1.1", "127.0.0.1"), ok, true));
        cases.put(Cause.NO_ENDPOINT_IN_CONTEXT, valid(DiagnosisCode.WSG01, withRegistry(ScanState.RAN, true,
                ContextDirectory.NONE), get("/app/echo"), ok, true));
        cases.put(Cause.NO_ENDPOINT_MATCHES, valid(DiagnosisCode.WSG08, JETTY, get("/app/ecco"),
                Observation.status(405).responder(DEFAULT_SERVLET).build(), true));
        cases.put(Cause.PLAIN_REQUEST_TO_ENDPOINT, new Diagnosis(DiagnosisCode.WSG06, Level.INFO, JETTY,
                get("/app/echo"), null, ok, Enforcement.NONE, true));
        cases.put(Cause.FRAMEWORK_EXPLAINED_REFUSAL, valid(DiagnosisCode.WSG07, JETTY, fromPage("/app/echo"),
                Observation.status(403).responder(DEFAULT_SERVLET.withExplanation("Spring's origin check refused"
                        + " it. Fix: allow the origin")).build(), true));
        cases.put(Cause.REDIRECTED, valid(DiagnosisCode.WSG07, JETTY, get("/app/echo"),
                Observation.status(302).build(), true));
        cases.put(Cause.AUTHENTICATION_REQUIRED, valid(DiagnosisCode.WSG07, JETTY, get("/app/echo"),
                Observation.status(401).build(), true));
        cases.put(Cause.ORIGIN_CHECK_REFUSED, valid(DiagnosisCode.WSG07, JETTY, fromPage("/app/echo"),
                Observation.status(403).build(), true));
        cases.put(Cause.FORBIDDEN, valid(DiagnosisCode.WSG07, JETTY, get("/app/echo"),
                Observation.status(403).build(), true));
        cases.put(Cause.APPLICATION_FAILED, valid(DiagnosisCode.WSG07, JETTY, get("/app/echo"),
                Observation.status(500).failure("java.lang.IllegalStateException").build(), true));
        cases.put(Cause.FAILED_WITHOUT_WEBSOCKET_SUPPORT, valid(DiagnosisCode.WSG07, JETTY, get("/app/echo"),
                Observation.status(500).build(), false));
        cases.put(Cause.NONE, valid(DiagnosisCode.WSG00, JETTY, get("/app/echo"), ok, true));
        cases.forEach((cause, d) -> {
            assertEquals(cause, d.cause(), () -> cause + " expected of " + d.line());
            rendered(d);
        });

        // A proxy's headers add the likely second cause to a misrouted handshake, never to an ordinary refusal.
        Map<String, String> proxied = new HashMap<>(VALID);
        proxied.put("X-Forwarded-For", "10.0.0.9");
        Diagnosis viaProxy = new Diagnosis(DiagnosisCode.WSG02, Level.WARNING, JETTY, get("/app/ws/echo"),
                handshake(proxied, "GET", "HTTP/1.1"), Observation.status(404).build(), Enforcement.NONE, true);
        assertEquals(Cause.NO_ENDPOINT_MATCHES, viaProxy.cause());
        assertEquals(Cause.PROXY_PATH_MAPPING, viaProxy.finding().alsoLikely());
        Diagnosis refusedViaProxy = new Diagnosis(DiagnosisCode.WSG08, Level.WARNING, JETTY, get("/app/ws/echo"),
                handshake(proxied, "GET", "HTTP/1.1"), Observation.status(405).build(), Enforcement.NONE, true);
        assertEquals(null, refusedViaProxy.finding().alsoLikely());

        // The handshake's own faults (WSG03, WSG04, WSG05) are causes of the same name.
        for (HandshakeProblem p : HandshakeProblem.values()) {
            assertEquals(p.name(), Cause.of(p).name());
        }
        java.util.Set<Cause> reached = java.util.EnumSet.copyOf(cases.keySet());
        reached.add(Cause.PROXY_PATH_MAPPING);
        for (HandshakeProblem p : HandshakeProblem.values()) {
            reached.add(Cause.of(p));
        }
        java.util.Set<Cause> requestCauses = java.util.EnumSet.allOf(Cause.class);
        requestCauses.removeIf(Cause::atStartup);
        assertEquals(requestCauses, reached, "a cause no facts lead to");
    }
}
