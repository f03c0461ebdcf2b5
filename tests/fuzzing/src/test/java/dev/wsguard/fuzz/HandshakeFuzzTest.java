package dev.wsguard.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wsguard.containers.ContainerProfile;
import dev.wsguard.diagnosis.BodySample;
import dev.wsguard.diagnosis.Deployment;
import dev.wsguard.diagnosis.Diagnosis;
import dev.wsguard.diagnosis.DiagnosisCode;
import dev.wsguard.diagnosis.EnforceAnswer;
import dev.wsguard.diagnosis.Enforcement;
import dev.wsguard.diagnosis.Observation;
import dev.wsguard.diagnosis.RequestFacts;
import dev.wsguard.diagnosis.Responder;
import dev.wsguard.diagnosis.Verdicts;
import dev.wsguard.endpoints.EndpointRegistry;
import dev.wsguard.endpoints.EndpointSource;
import dev.wsguard.endpoints.EndpointTemplate;
import dev.wsguard.endpoints.KnownEndpoint;
import dev.wsguard.handshake.Handshake;
import dev.wsguard.handshake.HandshakeClassifier;
import dev.wsguard.handshake.HandshakeKind;
import dev.wsguard.handshake.HeadRequest;
import dev.wsguard.handshake.HeaderTokens;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.servlet.RequestHeadParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The classifier and every message built on its verdict, on any request head: never an
 * exception; a VALID verdict only for what RFC 6455 section 4.2.1 allows; every log line one
 * safe line; an enforce answer's reason free of request data, and its details sanitized.
 */
class HandshakeFuzzTest {

    private static final Deployment DEPLOYMENT = Deployment.builder("/app", ContainerProfile.TOMCAT,
            EndpointRegistry.of(List.of(new KnownEndpoint(EndpointTemplate.parse("/echo"), EndpointSource.INIT_PARAM),
                    new KnownEndpoint(EndpointTemplate.parse("/chat/{room}"), EndpointSource.ANNOTATION_SCAN))))
            .build();

    /** Every reason an enforce answer may carry: fixed text, so no request data can reach a body unasked. */
    private static final java.util.Set<String> FIXED_REASONS = fixedReasons();

    private static java.util.Set<String> fixedReasons() {
        java.util.Set<String> reasons = new java.util.HashSet<>();
        for (DiagnosisCode c : DiagnosisCode.values()) {
            EnforceAnswer a = EnforceAnswer.forCode(c, null);
            if (a != null) {
                reasons.add(a.reason());
            }
        }
        for (dev.wsguard.handshake.HandshakeProblem p : dev.wsguard.handshake.HandshakeProblem.values()) {
            reasons.add("WSG04 Malformed WebSocket handshake: " + p.requirement() + ".");
        }
        return reasons;
    }

    @FuzzTest(maxDuration = "2h")
    void classifiesAndExplainsSafely(byte[] data) {
        RawRequest raw = RequestHeadParser.parse(data);
        HeadRequest head = new HeadRequest(raw);
        Handshake h = HandshakeClassifier.classify(head);
        assertNotNull(h.kind());
        if (h.kind() == HandshakeKind.VALID) {
            assertEquals("GET", head.method());
            assertTrue(!head.protocol().toUpperCase(Locale.ROOT).equals("HTTP/1.0"));
            assertTrue(head.values("Host").size() > 0);
            assertTrue(head.values("Upgrade").stream().anyMatch(v -> HeaderTokens.containsToken(v, "websocket")));
            assertTrue(head.values("Connection").stream().anyMatch(v -> HeaderTokens.containsToken(v, "upgrade")));
            assertEquals(1, head.values("Sec-WebSocket-Key").size());
            assertTrue(HandshakeClassifier.isValidKey(head.values("Sec-WebSocket-Key").get(0)));
            assertEquals(List.of("13"), head.values("Sec-WebSocket-Version").stream().map(String::trim)
                    .collect(java.util.stream.Collectors.toList()));
        }
        if (!h.kind().isAttempt()) {
            return;
        }
        String forcedStatus = first(head, "X-Status");
        int status = forcedStatus == null ? 200 : Math.floorMod(forcedStatus.hashCode(), 600);
        DiagnosisCode invalid = Verdicts.forInvalid(h.kind());
        DiagnosisCode code = invalid != null ? invalid : Verdicts.forAnswer(status, h.kind() == HandshakeKind.VALID_HTTP2);
        if (code == null) {
            return;
        }
        byte[] body = raw.target().getBytes(StandardCharsets.ISO_8859_1);
        Observation o = Observation.status(status).contentType(first(head, "X-Type"))
                .location(first(head, "X-Location")).wwwAuthenticate(first(head, "X-Auth"))
                .failure(first(head, "X-Failure"))
                .responder(new Responder(first(head, "X-Servlet"), first(head, "X-Pattern"), first(head, "X-Match")))
                .body(BodySample.ofBytes(body, body.length, first(head, "X-Charset"))).build();
        String remote = first(head, "X-Remote");
        for (Enforcement e : Enforcement.values()) {
            Diagnosis d = new Diagnosis(code, Verdicts.level(code, status), DEPLOYMENT,
                    new RequestFacts(raw.method(), raw.target(), "/app", raw.version(), remote), h, o, e, status % 2 == 0);
            String line = d.line();
            assertTrue(line.startsWith(code.name() + " "), line);
            Invariants.isOneSafeLine("log line", line);
            assertTrue(line.length() < 12_000, () -> "line of " + line.length() + " characters");
            EnforceAnswer answer = EnforceAnswer.forCode(code, h);
            if (answer != null) {
                Invariants.isOneSafeLine("reason", answer.reason());
                assertTrue(FIXED_REASONS.contains(answer.reason()), () -> "request data in a reason: " + answer.reason());
                for (String bodyLine : answer.body(line).split("\\n")) {
                    Invariants.isOneSafeLine("answer body", bodyLine);
                }
            }
        }
    }

    /** The first value of a header the input uses to steer the diagnosis, or null. */
    private static String first(HeadRequest head, String name) {
        List<String> values = head.values(name);
        return values.isEmpty() ? null : values.get(0);
    }
}
