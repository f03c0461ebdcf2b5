package dev.wsguard.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.http.RawRequest;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class HandshakeClassifierTest {

    private static Arguments row(String name, UnaryOperator<RawRequest.Builder> change, HandshakeKind kind,
            HandshakeProblem problem) {
        return Arguments.of(name, change, kind, problem);
    }

    private static RawRequest.Builder validUpgrade() {
        return RawRequest.validUpgrade("/echo").toBuilder();
    }

    /** The valid upgrade's headers on another request line. */
    private static RawRequest validUpgradeAs(String method, String protocol) {
        return new RawRequest(method, "/echo", protocol, RawRequest.validUpgrade("/echo").headers(), null);
    }

    private static Handshake classify(RawRequest.Builder request) {
        return classify(request.build());
    }

    private static Handshake classify(RawRequest request) {
        return HandshakeClassifier.classify(new HeadRequest(request));
    }

    static Stream<Arguments> variants() {
        return Stream.of(
            row("valid (S1)", r -> r, HandshakeKind.VALID, null),
            row("Firefox Connection list (S13)", r -> r.replace("Connection", "keep-alive, Upgrade"),
                    HandshakeKind.VALID, null),
            row("mixed-case Upgrade (S14)", r -> r.replace("Upgrade", "WebSocket"), HandshakeKind.VALID, null),
            row("upper-case tokens", r -> r.replace("Upgrade", "WEBSOCKET").replace("Connection", "UPGRADE"),
                    HandshakeKind.VALID, null),
            row("key with surrounding spaces", r -> r.replace("Sec-WebSocket-Key", "  " + RawRequest.SAMPLE_KEY + "  "),
                    HandshakeKind.VALID, null),
            row("version with spaces", r -> r.replace("Sec-WebSocket-Version", " 13 "), HandshakeKind.VALID, null),
            row("nginx plain proxy_pass (S6)", r -> r.remove("Upgrade").replace("Connection", "close")
                    .header("X-Forwarded-For", "10.0.0.1"),
                    HandshakeKind.HEADERS_STRIPPED, HandshakeProblem.UPGRADE_AND_CONNECTION_MISSING),
            row("no Upgrade, no Connection (S7)", r -> r.remove("Upgrade").remove("Connection"),
                    HandshakeKind.HEADERS_STRIPPED, HandshakeProblem.UPGRADE_AND_CONNECTION_MISSING),
            row("only the version left", r -> r.remove("Upgrade").remove("Connection").remove("Sec-WebSocket-Key"),
                    HandshakeKind.HEADERS_STRIPPED, HandshakeProblem.UPGRADE_AND_CONNECTION_MISSING),
            row("Connection kept, Upgrade lost", r -> r.remove("Upgrade"),
                    HandshakeKind.HEADERS_STRIPPED, HandshakeProblem.UPGRADE_MISSING),
            row("Upgrade kept, Connection lost", r -> r.remove("Connection"),
                    HandshakeKind.HEADERS_STRIPPED, HandshakeProblem.CONNECTION_MISSING),
            row("nginx with Upgrade but no Connection line", r -> r.replace("Connection", "close"),
                    HandshakeKind.HEADERS_STRIPPED, HandshakeProblem.CONNECTION_REPLACED),
            row("Connection keep-alive behind a proxy", r -> r.replace("Connection", "keep-alive")
                    .header("Via", "1.1 lb"),
                    HandshakeKind.HEADERS_STRIPPED, HandshakeProblem.CONNECTION_REPLACED),
            row("Connection keep-alive, no proxy", r -> r.replace("Connection", "keep-alive"),
                    HandshakeKind.MALFORMED, HandshakeProblem.CONNECTION_WITHOUT_UPGRADE),
            row("version 8 (S8)", r -> r.replace("Sec-WebSocket-Version", "8"),
                    HandshakeKind.UNSUPPORTED_VERSION, HandshakeProblem.UNSUPPORTED_VERSION),
            row("version missing (S8)", r -> r.remove("Sec-WebSocket-Version"),
                    HandshakeKind.UNSUPPORTED_VERSION, HandshakeProblem.MISSING_VERSION),
            row("two versions", r -> r.header("Sec-WebSocket-Version", "8"),
                    HandshakeKind.UNSUPPORTED_VERSION, HandshakeProblem.UNSUPPORTED_VERSION),
            row("version list", r -> r.replace("Sec-WebSocket-Version", "13, 8"),
                    HandshakeKind.UNSUPPORTED_VERSION, HandshakeProblem.UNSUPPORTED_VERSION),
            row("absurd version", r -> r.replace("Sec-WebSocket-Version", "99999999999999999999999"),
                    HandshakeKind.UNSUPPORTED_VERSION, HandshakeProblem.UNSUPPORTED_VERSION),
            row("no key (S9)", r -> r.remove("Sec-WebSocket-Key"),
                    HandshakeKind.MALFORMED, HandshakeProblem.MISSING_KEY),
            row("short key (S10)", r -> r.replace("Sec-WebSocket-Key", "c2hvcnQ="),
                    HandshakeKind.MALFORMED, HandshakeProblem.INVALID_KEY),
            row("key of 17 bytes", r -> r.replace("Sec-WebSocket-Key", "AAAAAAAAAAAAAAAAAAAAAAA="),
                    HandshakeKind.MALFORMED, HandshakeProblem.INVALID_KEY),
            row("key with a bad character", r -> r.replace("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25j*Q=="),
                    HandshakeKind.MALFORMED, HandshakeProblem.INVALID_KEY),
            row("empty key", r -> r.replace("Sec-WebSocket-Key", ""),
                    HandshakeKind.MALFORMED, HandshakeProblem.INVALID_KEY),
            row("two keys (S10)", r -> r.header("Sec-WebSocket-Key", "AQIDBAUGBwgJCgsMDQ4PEA=="),
                    HandshakeKind.MALFORMED, HandshakeProblem.DUPLICATE_KEY),
            row("Upgrade to another protocol with a key", r -> r.replace("Upgrade", "h2c"),
                    HandshakeKind.MALFORMED, HandshakeProblem.UPGRADE_NOT_WEBSOCKET),
            row("no Host", r -> r.remove("Host"), HandshakeKind.MALFORMED, HandshakeProblem.NO_HOST)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void classifies(String name, UnaryOperator<RawRequest.Builder> change, HandshakeKind kind,
            HandshakeProblem problem) {
        Handshake h = classify(change.apply(validUpgrade()));
        assertEquals(kind, h.kind(), name);
        assertEquals(problem, h.problem(), name);
    }

    @ParameterizedTest(name = "method {0} (S11)")
    @ValueSource(strings = {"POST", "PUT", "HEAD", "OPTIONS", "get"})
    void methodOtherThanGetIsMalformed(String method) {
        Handshake h = classify(validUpgradeAs(method, "HTTP/1.1"));
        assertEquals(HandshakeKind.MALFORMED, h.kind());
        assertEquals(HandshakeProblem.METHOD_NOT_GET, h.problem());
        assertEquals(method, h.offendingValue());
    }

    @ParameterizedTest(name = "{0} (S12)")
    @ValueSource(strings = {"HTTP/1.0", "HTTP/0.9", "http/1.0"})
    void oldHttpIsMalformed(String protocol) {
        assertEquals(HandshakeProblem.NOT_HTTP_1_1, classify(validUpgradeAs("GET", protocol)).problem());
    }

    @Test
    void aHandshakeForwardedAsHttp10WithoutUpgradeIsStrippedWithHttp10FirstInTheEvidence() {
        // What nginx sends with proxy_pass alone: HTTP/1.0, its own Connection: close, the client's Sec-WebSocket-*.
        RawRequest.Builder r = RawRequest.request("GET", "/echo", "HTTP/1.0").header("Host", "backend")
                .header("Connection", "close").header("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY)
                .header("Sec-WebSocket-Version", "13").header("X-Real-IP", "10.0.0.1");
        Handshake h = classify(r);
        assertEquals(HandshakeKind.HEADERS_STRIPPED, h.kind());
        assertEquals(HandshakeProblem.DOWNGRADED_TO_HTTP_1_0, h.problem());
        assertEquals(List.of("HTTP/1.0", "Connection: close", "X-Real-IP: 10.0.0.1"), h.proxyEvidence());
        // Only the version left, and no Connection at all: still the downgrade.
        assertEquals(HandshakeProblem.DOWNGRADED_TO_HTTP_1_0, classify(RawRequest.request("GET", "/echo", "HTTP/1.0")
                .header("Sec-WebSocket-Version", "13")).problem());
        // A POST stays a wrong method, and HTTP/0.9 stays too old: no proxy sends either.
        assertEquals(HandshakeProblem.METHOD_NOT_GET, classify(RawRequest.request("POST", "/echo", "HTTP/1.0")
                .header("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY)).problem());
        assertEquals(HandshakeProblem.NOT_HTTP_1_1, classify(RawRequest.request("GET", "/echo", "HTTP/0.9")
                .header("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY)).problem());
    }

    @Test
    void http2ExtendedConnectIsValidNeverStrippedOrMalformed() {
        RawRequest.Builder r = RawRequest.request("CONNECT", "/echo", "HTTP/2.0").header("Sec-WebSocket-Version", "13");
        assertEquals(HandshakeKind.VALID_HTTP2, classify(r).kind());
    }

    @Test
    void http2WithWrongVersionIsAVersionProblem() {
        RawRequest.Builder r = RawRequest.request("CONNECT", "/echo", "HTTP/2.0").header("Sec-WebSocket-Version", "8");
        assertEquals(HandshakeKind.UNSUPPORTED_VERSION, classify(r).kind());
    }

    @Test
    void plainRequestsAndOtherUpgradesAreNotAttempts() {
        assertEquals(HandshakeKind.NOT_UPGRADE, classify(RawRequest.get("/")).kind());
        assertEquals(HandshakeKind.NOT_UPGRADE, classify(RawRequest.get("/").header("Upgrade", "h2c")
                .header("Connection", "Upgrade, HTTP2-Settings")).kind());
    }

    @Test
    void upgradeInASecondHeaderLineCounts() {
        assertEquals(HandshakeKind.VALID, classify(validUpgrade().replace("Upgrade", "h2c").header("Upgrade", "websocket"))
                .kind());
    }

    @Test
    void proxyEvidenceIsCollected() {
        Handshake h = classify(validUpgrade().remove("Upgrade").replace("Connection", "close")
                .header("X-Forwarded-For", "10.1.2.3").header("Via", "1.1 nginx"));
        assertTrue(h.proxyEvidence().contains("Connection: close"), h.proxyEvidence().toString());
        assertTrue(h.proxyEvidence().contains("X-Forwarded-For: 10.1.2.3"), h.proxyEvidence().toString());
        assertTrue(h.proxyEvidence().contains("Via: 1.1 nginx"), h.proxyEvidence().toString());
    }

    @Test
    void anyXForwardedHeaderIsProxyEvidenceWhateverItsCaseAndNamedAsItsFamilyWritesIt() {
        Handshake h = classify(validUpgrade().remove("Upgrade").remove("Connection").header("x-forwarded-port", "443"));
        assertEquals(HandshakeKind.HEADERS_STRIPPED, h.kind());
        assertEquals(java.util.List.of("X-Forwarded-Port: 443"), h.proxyEvidence(), "the same on every container");
        Handshake replaced = classify(validUpgrade().replace("Connection", "keep-alive").header("X-Forwarded-Port", "443"));
        assertEquals(HandshakeProblem.CONNECTION_REPLACED, replaced.problem(), "evidence turns keep-alive into stripped");
        assertEquals(java.util.List.of("X-Forwarded-Port: 443"), replaced.proxyEvidence());
    }

    @Test
    void xForwardedEvidenceIsNamedOnceAndBounded() {
        RawRequest.Builder r = validUpgrade().remove("Upgrade").header("X-Forwarded-For", "10.0.0.1");
        for (int i = 0; i < 20; i++) {
            r.header("X-Forwarded-Extra" + i, "v");
        }
        java.util.List<String> evidence = classify(r).proxyEvidence();
        assertEquals("X-Forwarded-For: 10.0.0.1", evidence.get(0));
        assertEquals(1, evidence.stream().filter(e -> e.startsWith("X-Forwarded-For:")).count(), evidence.toString());
        assertEquals(5, evidence.size(), "the fixed names, then at most four more: " + evidence);
        assertFalse(classify(validUpgrade().remove("Upgrade").header("X-Forwarded-", "x")).proxyEvidence()
                .contains("X-Forwarded-: x"), "the bare prefix names no header of the family");
    }

    @Test
    void theFastPathTestFollowsTheSpecDefinitionOfAnAttempt() {
        assertTrue(HandshakeClassifier.mayBeAttempt("websocket", null, null));
        assertTrue(HandshakeClassifier.mayBeAttempt("h2c, WebSocket", null, null));
        assertTrue(HandshakeClassifier.mayBeAttempt(null, "k", null));
        assertTrue(HandshakeClassifier.mayBeAttempt(null, null, "13"));
        assertTrue(HandshakeClassifier.mayBeAttempt("h2c", "k", null), "a key makes it an attempt whatever Upgrade says");
        assertFalse(HandshakeClassifier.mayBeAttempt("h2c", null, null));
        assertFalse(HandshakeClassifier.mayBeAttempt("websockets", null, null));
        assertFalse(HandshakeClassifier.mayBeAttempt(null, null, null));
        assertTrue(HandshakeClassifier.upgradesToWebSocket(java.util.List.of("h2c", "websocket")));
        assertFalse(HandshakeClassifier.upgradesToWebSocket(java.util.List.of("h2c")));
    }

    @Test
    void keyValidity() {
        assertTrue(HandshakeClassifier.isValidKey(RawRequest.SAMPLE_KEY));
        assertTrue(HandshakeClassifier.isValidKey("AQIDBAUGBwgJCgsMDQ4PEA=="));
        assertTrue(HandshakeClassifier.isValidKey("++++++++++++++++++++//=="));
        assertFalse(HandshakeClassifier.isValidKey(null));
        assertFalse(HandshakeClassifier.isValidKey("dGhlIHNhbXBsZSBub25jZQ="));
        assertFalse(HandshakeClassifier.isValidKey("dGhlIHNhbXBsZSBub25jZQ=A"));
        assertFalse(HandshakeClassifier.isValidKey("dGhlIHNhbXBsZSBub25jZ Q=="));
    }

    @Test
    void everyKindButNotUpgradeIsAnAttempt() {
        for (HandshakeKind k : HandshakeKind.values()) {
            assertEquals(k != HandshakeKind.NOT_UPGRADE, k.isAttempt(), k.name());
        }
    }
}
