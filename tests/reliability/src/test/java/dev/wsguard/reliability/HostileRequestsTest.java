package dev.wsguard.reliability;

import static dev.wsguard.reliability.harness.RawBytes.repeat;
import static dev.wsguard.reliability.harness.RawBytes.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wsguard.testkit.fixtures.PlainTextServlet;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.http.WebSocketFrames;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.reliability.app.ReflectingServlet;
import dev.wsguard.reliability.harness.Container;
import dev.wsguard.testkit.log.GuardJmx;
import dev.wsguard.reliability.harness.LogLines;
import dev.wsguard.reliability.harness.RawBytes;
import dev.wsguard.reliability.harness.Results;
import dev.wsguard.reliability.harness.Stack;
import dev.wsguard.reliability.harness.StackSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile requests on real Jetty 12.1 and Tomcat 11, in {@code log}, {@code enforce} and {@code enforce} with
 * {@code details=true}: 64 KiB values (key, version, Upgrade, Connection, a proxy header, an arbitrary header, the
 * path, the method), 100 repeated keys, NUL and non-ASCII bytes (C1 controls among them) in headers and path,
 * percent-encoded and raw CR/LF and ANSI escapes in the path, and absurd {@code Sec-WebSocket-Version} values.
 *
 * <p>Each request is sent as exact bytes on its own connection. What answered is classified (the container itself,
 * wsguard by its {@code WSGuard-Code} header, the plain servlet by its body, the endpoint by 101) and must be the
 * answer recorded for that attack and container: an attack that reaches wsguard gets its diagnosis code, in enforce
 * mode wsguard's own 400/426, in log mode the servlet's untouched 200. Every wsguard line must stay one line with no
 * control character and no request field over 256 characters, and at most one line per request; wsguard's answer
 * body must hold no request data (and with {@code details=true} only the sanitized line).
 *
 * <p>The attacks run twice per container: with the containers' default request-head limits (8 KiB on both, so a
 * 64 KiB value is refused before any filter runs) and with the limit raised to 256 KiB, as a deployment that
 * accepts big cookies or tokens does, so that the 64 KiB values really reach wsguard.
 */
class HostileRequestsTest {

    private static final int RAISED_LIMIT = 256 * 1024;
    private static final int BIG = 64 * 1024;

    /** Grace after the marker line, for a line of the attack written a moment later on another thread. */
    private static final long AFTER_MARKER_MS = 30;

    /** How the container is configured. */
    enum Profile {
        /** The container's defaults: 8 KiB request heads, its own URI and header rules. */
        DEFAULT("defaults"),
        /**
         * As lenient as the container can be made: 256 KiB heads; Jetty with {@code UriCompliance.UNSAFE}; Tomcat with
         * every {@code relaxedPathChars}. The most hostile data that can reach wsguard does.
         */
        PERMISSIVE("permissive");

        final String label;

        Profile(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    enum Mode {
        LOG(Map.of("mode", "log")),
        ENFORCE(Map.of("mode", "enforce")),
        ENFORCE_DETAILS(Map.of("mode", "enforce", "details", "true"));

        final Map<String, String> params;

        Mode(Map<String, String> params) {
            this.params = params;
        }

        boolean enforce() {
            return this != LOG;
        }

        @Override
        public String toString() {
            return this == ENFORCE_DETAILS ? "enforce+details" : name().toLowerCase(Locale.ROOT);
        }
    }

    /** Who answered a request. */
    enum Answerer {
        CONTAINER, WSGUARD, SERVLET, ENDPOINT, HTTP_09, CLOSED
    }

    /**
     * One attack. {@code code} is wsguard's diagnosis when the request reaches it (null: no line, as for a valid
     * upgrade the endpoint takes); {@code containerAnswers} what a container answers itself, before any filter, per
     * container and profile ({@code "Jetty 12.1|defaults"} to {@code "container 431"}); {@code appStatus} what the
     * application answers when it is not the plain servlet's 200; {@code replaceable} false when that answer is larger
     * than {@code buffer-limit}, so enforce mode passes it on and only logs (SPEC "Hold back, then decide").
     */
    record Attack(String id, String description, char filler, boolean big, String code, int appStatus,
                  boolean replaceable, Map<String, String> containerAnswers,
                  java.util.function.BiFunction<String, String, byte[]> bytes) {

        String containerAnswer(Container c, Profile profile) {
            return containerAnswers.get(c + "|" + profile);
        }

        @Override
        public String toString() {
            return id;
        }
    }

    private static final class AttackBuilder {
        private final String id;
        private final String description;
        private char filler;
        private boolean big;
        private String code;
        private int appStatus = 200;
        private boolean replaceable = true;
        private final Map<String, String> containerAnswers = new LinkedHashMap<>();

        AttackBuilder(String id, String description) {
            this.id = id;
            this.description = description;
        }

        AttackBuilder filler(char c) {
            filler = c;
            return this;
        }

        /**
         * Over the containers' default 8 KiB head limit: refused by both with these statuses unless raised (observed:
         * Jetty 431 "Request Header Fields Too Large", 414 "URI Too Long" for the target; Tomcat a bare 400).
         */
        AttackBuilder big(int jettyStatus, int tomcatStatus) {
            big = true;
            return refusedBy(Container.JETTY, Profile.DEFAULT, jettyStatus)
                    .refusedBy(Container.TOMCAT, Profile.DEFAULT, tomcatStatus);
        }

        AttackBuilder code(String c) {
            code = c;
            return this;
        }

        /** The application's status when it reaches it (the reflecting servlet's 302 or 401). */
        /** The application's answer exceeds the default 64 KiB buffer-limit: enforce mode cannot replace it. */
        AttackBuilder overBufferLimit() {
            replaceable = false;
            return this;
        }

        AttackBuilder appStatus(int status) {
            appStatus = status;
            return this;
        }

        /** The container answers this itself (in both profiles), before any filter. */
        AttackBuilder refusedBy(Container c, int status) {
            return refusedBy(c, Profile.DEFAULT, status).refusedBy(c, Profile.PERMISSIVE, status);
        }

        /** The container answers this itself in this profile, before any filter. */
        AttackBuilder refusedBy(Container c, Profile p, int status) {
            return answeredBy(c, p, "container " + status);
        }

        /** The container answers this in its own way (in this profile), no filter involved. */
        AttackBuilder answeredBy(Container c, Profile p, String summary) {
            containerAnswers.put(c + "|" + p, summary);
            return this;
        }

        Attack bytes(java.util.function.BiFunction<String, String, byte[]> bytes) {
            return new Attack(id, description, filler, big, code, appStatus, replaceable, Map.copyOf(containerAnswers), bytes);
        }
    }

    private static AttackBuilder attack(String id, String description) {
        return new AttackBuilder(id, description);
    }

    /**
     * Where an attack is sent unless the path is the attack: {@code /app/chat-<id>}, no endpoint there, the plain
     * servlet at {@code /} answers 200. A path of its own per attack, so that wsguard's rate limit (one line per code
     * and path per window) never hides an attack's line behind another's.
     */
    static String misrouted(Attack attack) {
        return "/app/chat-" + attack.id();
    }

    /** Tomcat takes {@code GET /path LF} for an HTTP/0.9 request and answers with the servlet's bare body. */
    static final String HTTP_09 = "servlet, as HTTP/0.9 (body only, no status line)";

    static final List<Attack> ATTACKS = List.of(
            // ---- 64 KiB values ----
            attack("key-64k", "Sec-WebSocket-Key of 64 KiB").filler('K').big(431, 400).code("WSG04")
                    .bytes((a, m) -> RawBytes.get(a, m).header("Upgrade", "websocket").header("Connection", "Upgrade")
                            .header("Sec-WebSocket-Key", repeat('K', BIG)).header("Sec-WebSocket-Version", "13").end()),
            attack("version-64k", "Sec-WebSocket-Version of 64 KiB").filler('V').big(431, 400).code("WSG05")
                    .bytes((a, m) -> RawBytes.get(a, m).header("Upgrade", "websocket").header("Connection", "Upgrade")
                            .header("Sec-WebSocket-Key", RawBytes.VALID_KEY)
                            .header("Sec-WebSocket-Version", "13" + repeat('V', BIG)).end()),
            attack("upgrade-64k", "Upgrade of 64 KiB, no websocket token").filler('U').big(431, 400).code("WSG04")
                    .bytes((a, m) -> RawBytes.get(a, m).header("Upgrade", repeat('U', BIG))
                            .header("Connection", "Upgrade").header("Sec-WebSocket-Key", RawBytes.VALID_KEY)
                            .header("Sec-WebSocket-Version", "13").end()),
            attack("upgrade-64k-token-list", "Upgrade: websocket plus 64 KiB of other tokens").filler('u')
                    .big(431, 400).code("WSG01")
                    .bytes((a, m) -> RawBytes.get(a, m).header("Upgrade", "websocket, " + repeat('u', BIG))
                            .header("Connection", "Upgrade").header("Sec-WebSocket-Key", RawBytes.VALID_KEY)
                            .header("Sec-WebSocket-Version", "13").end()),
            attack("connection-64k", "Connection of 64 KiB without the upgrade token").filler('C').big(431, 400)
                    // Raised limit: Jetty's h2c upgrade check still refuses it (400 "Invalid h2c upgrade headers").
                    .code("WSG04").refusedBy(Container.JETTY, Profile.PERMISSIVE, 400)
                    .bytes((a, m) -> RawBytes.get(a, m).header("Upgrade", "websocket")
                            .header("Connection", repeat('C', BIG)).header("Sec-WebSocket-Key", RawBytes.VALID_KEY)
                            .header("Sec-WebSocket-Version", "13").end()),
            attack("proxy-header-64k", "stripped handshake with a 64 KiB X-Forwarded-For (WSG03 evidence)")
                    .filler('F').big(431, 400).code("WSG03")
                    .bytes((a, m) -> RawBytes.get(a, m).header("X-Forwarded-For", repeat('F', BIG))
                            .header("Sec-WebSocket-Key", RawBytes.VALID_KEY).header("Sec-WebSocket-Version", "13").end()),
            attack("arbitrary-header-64k", "valid upgrade, misrouted, with a 64 KiB X-Padding header").filler('P')
                    .big(431, 400).code("WSG01")
                    .bytes((a, m) -> RawBytes.upgrade(a, m).header("X-Padding", repeat('P', BIG)).end()),
            attack("arbitrary-header-64k-endpoint", "valid upgrade to the endpoint with a 64 KiB X-Padding header")
                    .filler('P').big(431, 400).code(null)
                    .bytes((a, m) -> RawBytes.upgrade(a, "/app/echo").header("X-Padding", repeat('P', BIG)).end()),
            attack("path-64k", "request target of 64 KiB").filler('p').big(414, 400).code("WSG01")
                    .bytes((a, m) -> RawBytes.upgrade(a, "/app/" + repeat('p', BIG)).end()),
            attack("method-64k", "method name of 64 KiB with upgrade headers").filler('M').big(431, 400)
                    .code("WSG04")
                    .bytes((a, m) -> RawBytes.of(a).line(repeat('M', BIG) + " " + m + " HTTP/1.1").header("Host", a)
                            .header("Upgrade", "websocket").header("Connection", "Upgrade")
                            .header("Sec-WebSocket-Key", RawBytes.VALID_KEY).header("Sec-WebSocket-Version", "13")
                            .end()),

            // ---- repeated headers ----
            attack("keys-100", "100 Sec-WebSocket-Key headers").code("WSG04")
                    // Tomcat's maxHeaderCount (100): these 104 headers are refused; Jetty has no such cap.
                    .refusedBy(Container.TOMCAT, 400)
                    .bytes((a, m) -> {
                        RawBytes r = RawBytes.get(a, m).header("Upgrade", "websocket")
                                .header("Connection", "Upgrade").header("Sec-WebSocket-Version", "13");
                        for (int i = 0; i < 100; i++) {
                            r.header("Sec-WebSocket-Key", RawBytes.VALID_KEY);
                        }
                        return r.end();
                    }),
            attack("keys-90", "90 Sec-WebSocket-Key headers (under Tomcat's 100-header cap)").code("WSG04")
                    .bytes((a, m) -> {
                        RawBytes r = RawBytes.get(a, m).header("Upgrade", "websocket")
                                .header("Connection", "Upgrade").header("Sec-WebSocket-Version", "13");
                        for (int i = 0; i < 90; i++) {
                            r.header("Sec-WebSocket-Key", RawBytes.VALID_KEY);
                        }
                        return r.end();
                    }),
            attack("versions-50", "50 Sec-WebSocket-Version headers").code("WSG05")
                    .bytes((a, m) -> {
                        RawBytes r = RawBytes.get(a, m).header("Upgrade", "websocket")
                                .header("Connection", "Upgrade").header("Sec-WebSocket-Key", RawBytes.VALID_KEY);
                        for (int i = 0; i < 50; i++) {
                            r.header("Sec-WebSocket-Version", "13");
                        }
                        return r.end();
                    }),

            // ---- NUL and non-ASCII bytes in headers ----
            // Neither container lets a raw control byte through a header value, however lenient: Jetty answers 400
            // "Illegal character CNTL=0x0" (or 0x1b), Tomcat a bare 400. wsguard never sees these four.
            attack("nul-in-key", "NUL byte inside Sec-WebSocket-Key").code("WSG04")
                    .refusedBy(Container.JETTY, 400).refusedBy(Container.TOMCAT, 400)
                    .bytes((a, m) -> RawBytes.get(a, m).header("Upgrade", "websocket").header("Connection", "Upgrade")
                            .header("Sec-WebSocket-Key", "dGhlIHNhbXBs\0ZSBub25jZQ==").header("Sec-WebSocket-Version", "13")
                            .end()),
            attack("nul-in-version", "NUL byte inside Sec-WebSocket-Version").code("WSG05")
                    .refusedBy(Container.JETTY, 400).refusedBy(Container.TOMCAT, 400)
                    .bytes((a, m) -> RawBytes.get(a, m).header("Upgrade", "websocket").header("Connection", "Upgrade")
                            .header("Sec-WebSocket-Key", RawBytes.VALID_KEY).header("Sec-WebSocket-Version", "1\u00003")
                            .end()),
            attack("c1-in-version", "bytes 0x9B (8-bit CSI), 0x85 (NEL) and 0xFF in Sec-WebSocket-Version")
                    .code("WSG05")
                    .bytes((a, m) -> RawBytes.get(a, m).header("Upgrade", "websocket").header("Connection", "Upgrade")
                            .header("Sec-WebSocket-Key", RawBytes.VALID_KEY)
                            .header("Sec-WebSocket-Version", "13\u009b31m\u0085forged\u00ff").end()),
            attack("utf8-in-key", "UTF-8 (U+2028 line separator, U+202E bidi override) in Sec-WebSocket-Key")
                    .code("WSG04")
                    .bytes((a, m) -> RawBytes.get(a, m).header("Upgrade", "websocket").header("Connection", "Upgrade")
                            .header("Sec-WebSocket-Key", utf8("dGhlIHNh\u2028YnNhbXBs\u202eZQ=="))
                            .header("Sec-WebSocket-Version", "13").end()),
            attack("esc-in-connection", "raw ESC (ANSI clear screen) in Connection").code("WSG04")
                    .refusedBy(Container.JETTY, 400).refusedBy(Container.TOMCAT, 400)
                    .bytes((a, m) -> RawBytes.get(a, m).header("Upgrade", "websocket")
                            .header("Connection", "\u001b[2J\u001b[31mkeep-alive").header("Sec-WebSocket-Key", RawBytes.VALID_KEY)
                            .header("Sec-WebSocket-Version", "13").end()),
            attack("esc-in-proxy-header", "raw ESC in X-Forwarded-For of a stripped handshake (WSG03 evidence)")
                    .code("WSG03").refusedBy(Container.JETTY, 400).refusedBy(Container.TOMCAT, 400)
                    .bytes((a, m) -> RawBytes.get(a, m).header("X-Forwarded-For", "\u001b[2J10.0.0.1\u001b]0;pwned\u0007")
                            .header("Sec-WebSocket-Key", RawBytes.VALID_KEY).header("Sec-WebSocket-Version", "13").end()),

            // ---- the path ----
            // Raw control bytes in the request line: 400 from both (Jetty "Illegal character", "Bad EOL").
            attack("nul-in-path", "raw NUL byte in the request target").code("WSG01")
                    .refusedBy(Container.JETTY, 400).refusedBy(Container.TOMCAT, 400)
                    .bytes((a, m) -> RawBytes.upgrade(a, "/app/ch\0at").end()),
            // A decoded NUL is refused even by UriCompliance.UNSAFE: Jetty 400 at /badMessage; Tomcat 400.
            attack("pct-nul-in-path", "%00 in the path").code("WSG01")
                    .refusedBy(Container.JETTY, 400).refusedBy(Container.TOMCAT, 400)
                    .bytes((a, m) -> RawBytes.upgrade(a, "/app/ch%00at").end()),
            attack("non-ascii-in-path", "raw UTF-8 and Latin-1/C1 bytes (0x9B, 0x85, 0xFF) in the request target")
                    // Jetty: "Illegal Path Character" unless UNSAFE; Tomcat refuses raw bytes over 0x7F in any profile.
                    .code("WSG01").refusedBy(Container.JETTY, Profile.DEFAULT, 400).refusedBy(Container.TOMCAT, 400)
                    .bytes((a, m) -> RawBytes.upgrade(a, "/app/" + utf8("ch\u00e9\u2028at") + "\u009b31m\u0085\u00ff").end()),
            attack("pct-crlf-in-path", "%0d%0a and a forged WSG01 line in the path").code("WSG01")
                    .refusedBy(Container.JETTY, Profile.DEFAULT, 400) // "Suspicious Path Character"
                    .bytes((a, m) -> RawBytes.upgrade(a, "/app/chat%0d%0aWSG01%20forged%20line%0d%0a").end()),
            attack("pct-ansi-in-path", "%1b%5b (ANSI CSI) escapes in the path").code("WSG01")
                    .refusedBy(Container.JETTY, Profile.DEFAULT, 400) // "Suspicious Path Character"; Tomcat decodes it
                    .bytes((a, m) -> RawBytes.upgrade(a, "/app/%1b%5b2J%1b%5b31mred%1b%5b0m").end()),
            attack("pct-bidi-in-path", "%e2%80%ae (U+202E bidi override) and %c2%85 (NEL) in the path").code("WSG01")
                    .bytes((a, m) -> RawBytes.upgrade(a, "/app/chat%e2%80%aetxt.exe%c2%85").end()),
            attack("raw-cr-in-path", "raw CR inside the request target").code("WSG01")
                    .refusedBy(Container.JETTY, 400).refusedBy(Container.TOMCAT, 400)
                    .bytes((a, m) -> RawBytes.upgrade(a, "/app/chat\rWSG01 forged").end()),
            attack("raw-lf-in-path", "raw LF inside the request line").code("WSG01")
                    // A bare LF ends the request line early: "GET /app/chat" alone is HTTP/0.9. Jetty refuses it (505
                    // "HTTP/0.9 not supported"); Tomcat serves it, body only, no headers, so nothing reaches wsguard.
                    .refusedBy(Container.JETTY, 505)
                    .answeredBy(Container.TOMCAT, Profile.DEFAULT, HTTP_09).answeredBy(Container.TOMCAT, Profile.PERMISSIVE, HTTP_09)
                    .bytes((a, m) -> RawBytes.upgrade(a, "/app/chat\nWSG01 forged").end()),
            attack("raw-esc-in-path", "raw ESC [ 2 J in the request target").code("WSG01")
                    .refusedBy(Container.JETTY, 400).refusedBy(Container.TOMCAT, 400)
                    .bytes((a, m) -> RawBytes.upgrade(a, "/app/\u001b[2Jchat").end()),

            // ---- request data reflected by the application into what wsguard reads back ----
            // Jetty's default UriCompliance refuses the encoded controls ("Suspicious Path Character"); Tomcat does not.
            attack("reflected-in-title", "decoded %0d%0a, %1b and U+202E reflected into a 200 page's title").code("WSG01")
                    .refusedBy(Container.JETTY, Profile.DEFAULT, 400)
                    .bytes((a, m) -> RawBytes.upgrade(a, "/app/reflect/%0d%0aWSG01%20forged%1b%5b31m%e2%80%ae").end()),
            attack("reflected-in-location", "decoded %1b and U+202E reflected into a 302's Location").code("WSG07")
                    .appStatus(302).refusedBy(Container.JETTY, Profile.DEFAULT, 400)
                    .bytes((a, m) -> RawBytes.upgrade(a, "/app/redirect/%1b%5b2J%e2%80%aeforged").end()),
            attack("reflected-in-challenge", "decoded %1b and %c2%85 (NEL) reflected into a 401's realm").code("WSG07")
                    .appStatus(401).refusedBy(Container.JETTY, Profile.DEFAULT, 400)
                    .bytes((a, m) -> RawBytes.upgrade(a, "/app/challenge/%1b%5b2J%c2%85forged").end()),
            attack("reflected-64k-title", "a 64 KiB path reflected into a 200 page's title").filler('t').big(414, 400)
                    .code("WSG01").overBufferLimit() // the page (path twice, 128 KiB) passes the 64 KiB buffer-limit
                    .bytes((a, m) -> RawBytes.upgrade(a, "/app/reflect/" + repeat('t', BIG)).end()),

            // ---- absurd versions ----
            attack("version-huge-number", "Sec-WebSocket-Version: 99999999999999999999999999999999").code("WSG05")
                    .bytes((a, m) -> version(a, m, "99999999999999999999999999999999")),
            attack("version-negative", "Sec-WebSocket-Version: -13").code("WSG05")
                    .bytes((a, m) -> version(a, m, "-13")),
            attack("version-empty", "Sec-WebSocket-Version with an empty value").code("WSG05")
                    .bytes((a, m) -> version(a, m, "")),
            attack("version-list", "Sec-WebSocket-Version: 13, 8, 7").code("WSG05")
                    .bytes((a, m) -> version(a, m, "13, 8, 7")),
            attack("version-fullwidth", "Sec-WebSocket-Version: fullwidth digits U+FF11 U+FF13, as UTF-8").code("WSG05")
                    .bytes((a, m) -> version(a, m, utf8("\uff11\uff13"))),
            attack("version-1000-tokens", "Sec-WebSocket-Version: 1000 comma-separated 13s").filler('3').code("WSG05")
                    .bytes((a, m) -> version(a, m, String.join(",", java.util.Collections.nCopies(1000, "13")))),
            attack("version-format-string", "Sec-WebSocket-Version: %s%n{0}${jndi:ldap://x}").code("WSG05")
                    .bytes((a, m) -> version(a, m, "%s%n{0}${jndi:ldap://x}")));

    private static byte[] version(String authority, String path, String value) {
        return RawBytes.get(authority, path).header("Upgrade", "websocket").header("Connection", "Upgrade")
                .header("Sec-WebSocket-Key", RawBytes.VALID_KEY).header("Sec-WebSocket-Version", value).end();
    }

    /** One row of the results file: attack, container, limits, mode, answer, code logged. */
    private static final Map<String, String> RESULTS = new ConcurrentHashMap<>();

    static Stream<Arguments> configs() {
        List<Arguments> all = new ArrayList<>();
        for (Container c : Container.values()) {
            for (Mode m : Mode.values()) {
                all.add(Arguments.of(c, m));
            }
        }
        return all.stream();
    }

    /** Every attack on the container as it comes: it refuses much before any filter runs. */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("configs")
    void attacksOnDefaultContainer(Container container, Mode mode) throws Exception {
        run(container, mode, Profile.DEFAULT, ATTACKS);
    }

    /** Every attack on the container made as lenient as it goes, so that the most hostile data reaches wsguard. */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("configs")
    void attacksOnPermissiveContainer(Container container, Mode mode) throws Exception {
        run(container, mode, Profile.PERMISSIVE, ATTACKS);
    }

    /** The attack list itself: ids unique, every 64 KiB attack marked as such. */
    @Test
    void attackListIsConsistent() {
        Set<String> ids = new TreeSet<>();
        for (Attack a : ATTACKS) {
            assertTrue(ids.add(a.id()), "duplicate attack id " + a.id());
            int length = a.bytes().apply("127.0.0.1:1", misrouted(a)).length;
            assertEquals(length > 16 * 1024, a.big(), a.id() + ": " + length + " bytes, big=" + a.big());
        }
    }

    private void run(Container container, Mode mode, Profile profile, List<Attack> attacks) throws Exception {
        List<String> failures = new ArrayList<>();
        StackSpec spec = StackSpec.standard(container, mode.params)
                .servlet("reflect", ReflectingServlet::new, "/reflect/*")
                .servlet("redirect", ReflectingServlet::new, "/redirect/*")
                .servlet("challenge", ReflectingServlet::new, "/challenge/*");
        if (profile == Profile.PERMISSIVE) {
            spec.requestHeaderLimit(RAISED_LIMIT).lenientParsing();
        }
        try (GuardLogCapture log = GuardLogCapture.attach(); Stack stack = spec.start()) {
            GuardJmx.await(StackSpec.CONTEXT_PATH, Duration.ofSeconds(5));
            // The startup report comes from wsguard's own thread; wait for it so it is not taken for an attack's line.
            log.awaitCode("WSG00", Duration.ofSeconds(10));
            int markers = 0;
            for (Attack attack : attacks) {
                String where = attack.id() + " on " + container + " (" + profile + ", " + mode + ")";
                int mark = log.mark();
                Outcome outcome = send(stack, attack);
                List<String> lines = linesUntilMarker(stack, log, mark, markers++);
                String logged = lines.stream().map(GuardLogCapture::codeOf).collect(Collectors.joining(","));
                RESULTS.put(container + "|" + profile + "|" + mode + "|" + attack.id(),
                        outcome.summary() + "|" + (logged.isEmpty() ? "-" : logged) + "|" + outcome.containerReason());
                check(where, attack, container, mode, profile, outcome, lines, failures);
            }
            // The server still answers normally after all of it: a valid upgrade gets 101 and its echo.
            try (RawResponse r = RawHttp.exchange(stack.port(), RawBytes.upgrade(stack.authority(), "/app/echo").end())) {
                if (r.status() != 101) {
                    failures.add("after the attacks, a valid upgrade got " + r.statusLine());
                } else {
                    WebSocketFrames.sendText(r.upgradedOutput(), "still alive");
                    String echo = WebSocketFrames.read(r.upgradedInput()).text();
                    if (!"still alive".equals(echo)) {
                        failures.add("after the attacks, the echo was '" + echo + "'");
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " problem(s):\n  " + String.join("\n  ", failures));
        }
    }

    /** What came back for one attack. */
    record Outcome(Answerer answerer, int status, String guardCode, RawResponse response, String error) {

        /** The container's own reason for refusing, from its error page (Jetty: the title; Tomcat: the message). */
        String containerReason() {
            if (answerer != Answerer.CONTAINER || response == null) {
                return "";
            }
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("<title>(?:Error \\d+ )?([^<]*)</title>|<b>Message</b> ([^<]*)</p>")
                    .matcher(response.bodyText());
            return m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)).replace("|", "/") : response.reason();
        }

        String summary() {
            switch (answerer) {
                case HTTP_09:
                    return HTTP_09;
                case CLOSED:
                    return "connection closed without an answer (" + error + ")";
                case WSGUARD:
                    return "wsguard " + status + " " + guardCode;
                case SERVLET:
                    return "servlet " + status;
                case ENDPOINT:
                    return "endpoint 101";
                default:
                    return "container " + status;
            }
        }
    }

    private static Outcome send(Stack stack, Attack attack) {
        byte[] bytes = attack.bytes().apply(stack.authority(), misrouted(attack));
        RawResponse r;
        try {
            r = RawHttp.exchange(stack.port(), bytes);
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains(PlainTextServlet.BODY.trim())) {
                return new Outcome(Answerer.HTTP_09, 0, null, null, null);
            }
            return new Outcome(Answerer.CLOSED, 0, null, null, e.getClass().getSimpleName() + ": " + abbreviate(e.getMessage()));
        }
        try {
            if (r.status() == 101) {
                try {
                    WebSocketFrames.sendText(r.upgradedOutput(), "echo me");
                    String echo = WebSocketFrames.read(r.upgradedInput()).text();
                    return new Outcome(Answerer.ENDPOINT, 101, null, r, "echo me".equals(echo) ? null : "echo " + echo);
                } catch (IOException e) {
                    return new Outcome(Answerer.ENDPOINT, 101, null, r, "no echo: " + e);
                }
            }
            String code = r.header("WSGuard-Code").orElse(null);
            if (code != null) {
                return new Outcome(Answerer.WSGUARD, r.status(), code, r, null);
            }
            if ((r.status() == 200 && PlainTextServlet.BODY.equals(r.bodyText()))
                    || r.header(ReflectingServlet.ANSWERED_BY).isPresent()) {
                return new Outcome(Answerer.SERVLET, r.status(), null, r, null);
            }
            return new Outcome(Answerer.CONTAINER, r.status(), null, r, null);
        } finally {
            r.close();
        }
    }

    /**
     * wsguard's lines for the request just sent: a marker request (a misrouted upgrade to a fresh path, which wsguard
     * always logs as WSG01) follows it, and the lines captured before the marker's line are the attack's.
     */
    private static List<String> linesUntilMarker(Stack stack, GuardLogCapture log, int mark, int n) throws Exception {
        String path = "/app/marker-" + n;
        String answered;
        try (RawResponse r = RawHttp.exchange(stack.port(), RawBytes.upgrade(stack.authority(), path).end())) {
            // The marker's line is what counts; its answer only tells, on a failure, whether it reached the app.
            answered = r.statusLine();
        }
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            List<String> since = log.messagesSince(mark);
            for (int i = 0; i < since.size(); i++) {
                if (since.get(i).contains(" " + path + " ")) {
                    Thread.sleep(AFTER_MARKER_MS);
                    List<String> attackLines = new ArrayList<>(since.subList(0, i));
                    // A line of the attack written just after the marker's (another thread): count it too.
                    for (String late : log.messagesSince(mark + i + 1)) {
                        if (!late.contains("/app/marker-")) {
                            attackLines.add(late);
                        }
                    }
                    return attackLines;
                }
            }
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("marker line for " + path + " not logged (the marker was answered '"
                        + answered + "'); logged since: " + since);
            }
            Thread.sleep(5);
        }
    }

    private static void check(String where, Attack attack, Container container, Mode mode, Profile profile,
            Outcome outcome, List<String> lines, List<String> failures) {
        // 1. The log: at most one line per incident, each one line without control characters or over-long fields.
        if (lines.size() > 1) {
            failures.add(where + ": " + lines.size() + " lines for one request: " + lines);
        }
        for (String line : lines) {
            String problems = LogLines.problems(line, attack.filler());
            if (!problems.isEmpty()) {
                failures.add(where + ": bad line (" + problems + "): " + abbreviate(line));
            }
        }
        // 2. wsguard's answer carries no request data: the fixed reason, or with details the sanitized line.
        if (outcome.answerer() == Answerer.WSGUARD) {
            String body = outcome.response().bodyText();
            String[] bodyLines = body.split("\n", -1);
            int expectedLines = mode == Mode.ENFORCE_DETAILS ? 3 : 2; // reason, [details,] and the empty rest
            if (bodyLines.length != expectedLines || !bodyLines[bodyLines.length - 1].isEmpty()
                    || !bodyLines[0].startsWith(outcome.guardCode() + " ")) {
                failures.add(where + ": wsguard's body is not " + (expectedLines - 1) + " line(s) starting with the code: "
                        + abbreviate(body));
            }
            if (mode == Mode.ENFORCE && !body.matches("WSG\\d\\d [\\x20-\\x7e]*\n")) {
                failures.add(where + ": wsguard's body holds more than its fixed reason: " + abbreviate(body));
            }
            for (String bodyLine : bodyLines) {
                String problems = LogLines.problems(bodyLine, attack.filler());
                if (!problems.isEmpty()) {
                    failures.add(where + ": bad line in wsguard's body (" + problems + "): " + abbreviate(bodyLine));
                }
            }
            if (!outcome.guardCode().matches("WSG\\d\\d")) {
                failures.add(where + ": WSGuard-Code header is " + abbreviate(outcome.guardCode()));
            }
        }
        // 3. The answer and the code: as recorded for this attack and container.
        String containerAnswer = attack.containerAnswer(container, profile);
        String expectedAnswer;
        String expectedCode;
        if (containerAnswer != null) {
            expectedAnswer = containerAnswer;
            expectedCode = "";
        } else if (attack.code() == null) {
            expectedAnswer = "endpoint 101";
            expectedCode = "";
        } else {
            expectedCode = attack.code();
            boolean replaced = mode.enforce() && !attack.code().equals("WSG07") && attack.replaceable();
            expectedAnswer = !replaced ? "servlet " + attack.appStatus()
                    : "wsguard " + enforceStatus(attack.code()) + " " + attack.code();
        }
        String gotCode = lines.stream().map(GuardLogCapture::codeOf).collect(Collectors.joining(","));
        if (!expectedAnswer.equals(outcome.summary())) {
            failures.add(where + ": expected " + expectedAnswer + ", got " + outcome.summary()
                    + (outcome.response() == null ? "" : " [" + abbreviate(outcome.response().toString()) + "]"));
        }
        if (outcome.answerer() == Answerer.ENDPOINT && outcome.error() != null) {
            failures.add(where + ": upgraded, but " + outcome.error());
        }
        if (!attack.replaceable() && mode.enforce() && !expectedCode.isEmpty()
                && lines.stream().noneMatch(l -> l.contains("could not be replaced"))) {
            failures.add(where + ": the line should say the answer could not be replaced: " + lines);
        }
        if (!expectedCode.equals(gotCode)) {
            failures.add(where + ": expected wsguard to log [" + expectedCode + "], it logged [" + gotCode + "] "
                    + lines.stream().map(HostileRequestsTest::abbreviate).collect(Collectors.toList()));
        }
    }

    private static int enforceStatus(String code) {
        return code.equals("WSG03") || code.equals("WSG05") ? 426 : 400;
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        String escaped = s.chars().mapToObj(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f)
                ? String.format("<%02x>", c) : String.valueOf((char) c)).collect(Collectors.joining());
        return escaped.length() > 600 ? escaped.substring(0, 600) + "...(" + s.length() + " chars)" : escaped;
    }

    /**
     * The results for docs/reliability.md: one row per attack, one column per container and profile; a cell gives the
     * answer and wsguard's code, per mode where the modes differ. The full grid goes to hostile-requests-full.md.
     */
    @AfterAll
    static void writeResults() {
        StringBuilder full = new StringBuilder("| container | profile | mode | attack | answer | wsguard logged"
                + " | container's reason |\n|---|---|---|---|---|---|---|\n");
        StringBuilder table = new StringBuilder("| attack | what | Jetty 12.1 defaults | Jetty 12.1 permissive"
                + " | Tomcat 11 defaults | Tomcat 11 permissive |\n|---|---|---|---|---|---|\n");
        for (Attack a : ATTACKS) {
            table.append("| ").append(a.id()).append(" | ").append(a.description().replace("|", "\\|"));
            for (Container c : Container.values()) {
                for (Profile p : Profile.values()) {
                    Map<String, List<String>> modesByCell = new LinkedHashMap<>();
                    for (Mode m : Mode.values()) {
                        String key = c + "|" + p + "|" + m + "|" + a.id();
                        String[] v = RESULTS.getOrDefault(key, "not run|-").split("\\|");
                        // wsguard's own answer already names its code; otherwise say what was logged, if anything.
                        String cell = v[0].startsWith("wsguard ") && v[0].endsWith(v[1]) || v[1].equals("-") ? v[0]
                                : v[0] + " + " + v[1];
                        modesByCell.computeIfAbsent(cell, k -> new ArrayList<>()).add(m.toString());
                        full.append("| ").append(c).append(" | ").append(p).append(" | ").append(m).append(" | ")
                                .append(a.id()).append(" | ").append(v[0]).append(" | ").append(v[1]).append(" | ")
                                .append(v.length > 2 ? v[2] : "").append(" |\n");
                    }
                    table.append(" | ").append(modesByCell.size() == 1 ? modesByCell.keySet().iterator().next()
                            : modesByCell.entrySet().stream().map(e -> String.join(", ", e.getValue()) + ": "
                                    + e.getKey()).collect(Collectors.joining("; ")));
                }
            }
            table.append(" |\n");
        }
        Results.write("hostile-requests.md", table.toString());
        Results.write("hostile-requests-full.md", full.toString());
    }
}
