package dev.wsguard.suite.reliability;

import static dev.wsguard.suite.reliability.Attack.ERROR_PAGE_AS_HTTP_09;
import static dev.wsguard.suite.reliability.Attack.HTTP_09;
import static dev.wsguard.suite.reliability.Attack.attack;
import static dev.wsguard.suite.reliability.Profile.DEFAULTS;
import static dev.wsguard.suite.reliability.Profile.PERMISSIVE;

import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.server.ContainerKind;
import java.util.Collections;
import java.util.List;

/**
 * The hostile requests, as data: 64 KiB values (key, version, Upgrade, Connection, a proxy header, an arbitrary
 * header, the path, the method), repeated keys, NUL and non-ASCII bytes (C1 controls among them) in headers and
 * path, percent-encoded and raw CR/LF and ANSI escapes in the path, request data the application reflects into its
 * answer, and absurd {@code Sec-WebSocket-Version} values. With each, what every container does with it on its own
 * in each {@link Profile} (observed over raw sockets, re-checked on every run by {@code HostileRequestsContract} in
 * each container's module): a new container fails there with what it answered until its answers are recorded.
 */
public final class AttackCatalogue {

    static final int BIG = 64 * 1024;

    // Both Jetty 12 lines answer every attack alike, and so do both Tomcat lines (each checked on every run).
    private static final ContainerKind[] JETTY = {ContainerKind.JETTY_12_1, ContainerKind.JETTY_12_0};
    private static final ContainerKind[] TOMCAT = {ContainerKind.TOMCAT_11, ContainerKind.TOMCAT_10_1};
    private static final ContainerKind UNDERTOW = ContainerKind.UNDERTOW_2_3;
    private static final ContainerKind GLASSFISH = ContainerKind.GLASSFISH_7;
    /** Every container the catalogue has answers for; a new one is added here once its answers are recorded. */
    private static final ContainerKind[] EVERY = {ContainerKind.JETTY_12_1, ContainerKind.JETTY_12_0,
        ContainerKind.TOMCAT_11, ContainerKind.TOMCAT_10_1, UNDERTOW, GLASSFISH};

    private static final List<Attack> ATTACKS = List.of(
            // ---- 64 KiB values ----
            // Over 8 KiB heads: Jetty 431 "Request Header Fields Too Large" (414 "URI Too Long" for the target),
            // Tomcat and GlassFish a bare 400. Undertow's limit is 1 MiB: they reach wsguard there as they come.
            attack("key-64k", "Sec-WebSocket-Key of 64 KiB").filler('K').big().code("WSG04").reaches(EVERY)
                    .refused(DEFAULTS, 431, JETTY).refused(DEFAULTS, 400, TOMCAT)
                    .refused(DEFAULTS, 400, GLASSFISH)
                    .request(m -> handshake(m).header("Sec-WebSocket-Key", repeat('K', BIG))
                            .header("Sec-WebSocket-Version", "13").build()),
            attack("version-64k", "Sec-WebSocket-Version of 64 KiB").filler('V').big().code("WSG05").reaches(EVERY)
                    .refused(DEFAULTS, 431, JETTY).refused(DEFAULTS, 400, TOMCAT)
                    .refused(DEFAULTS, 400, GLASSFISH)
                    .request(m -> handshake(m).header("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY)
                            .header("Sec-WebSocket-Version", "13" + repeat('V', BIG)).build()),
            attack("upgrade-64k", "Upgrade of 64 KiB, no websocket token").filler('U').big().code("WSG04")
                    .reaches(EVERY).refused(DEFAULTS, 431, JETTY).refused(DEFAULTS, 400, TOMCAT)
                    .refused(DEFAULTS, 400, GLASSFISH)
                    .request(m -> RawRequest.get(m).header("Upgrade", repeat('U', BIG))
                            .header("Connection", "Upgrade").header("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY)
                            .header("Sec-WebSocket-Version", "13").build()),
            attack("upgrade-64k-token-list", "Upgrade: websocket plus 64 KiB of other tokens").filler('u').big()
                    .code("WSG01").reaches(EVERY).refused(DEFAULTS, 431, JETTY).refused(DEFAULTS, 400, TOMCAT)
                    .refused(DEFAULTS, 400, GLASSFISH)
                    .request(m -> RawRequest.get(m).header("Upgrade", "websocket, " + repeat('u', BIG))
                            .header("Connection", "Upgrade").header("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY)
                            .header("Sec-WebSocket-Version", "13").build()),
            attack("connection-64k", "Connection of 64 KiB without the upgrade token").filler('C').big()
                    .code("WSG04").reaches(EVERY).refused(DEFAULTS, 431, JETTY).refused(DEFAULTS, 400, TOMCAT)
                    .refused(DEFAULTS, 400, GLASSFISH)
                    // Raised limit: Jetty's h2c upgrade check still refuses it (400 "Invalid h2c upgrade headers").
                    .refused(PERMISSIVE, 400, JETTY)
                    .request(m -> RawRequest.get(m).header("Upgrade", "websocket")
                            .header("Connection", repeat('C', BIG)).header("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY)
                            .header("Sec-WebSocket-Version", "13").build()),
            attack("proxy-header-64k", "stripped handshake with a 64 KiB X-Forwarded-For (WSG03 evidence)")
                    .filler('F').big().code("WSG03").reaches(EVERY)
                    .refused(DEFAULTS, 431, JETTY).refused(DEFAULTS, 400, TOMCAT)
                    .refused(DEFAULTS, 400, GLASSFISH)
                    .request(m -> RawRequest.get(m).header("X-Forwarded-For", repeat('F', BIG))
                            .header("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY).header("Sec-WebSocket-Version", "13")
                            .build()),
            attack("arbitrary-header-64k", "valid upgrade, misrouted, with a 64 KiB X-Padding header").filler('P')
                    .big().code("WSG01").reaches(EVERY).refused(DEFAULTS, 431, JETTY).refused(DEFAULTS, 400, TOMCAT)
                    .refused(DEFAULTS, 400, GLASSFISH)
                    .request(m -> upgrade(m).header("X-Padding", repeat('P', BIG)).build()),
            attack("arbitrary-header-64k-endpoint", "valid upgrade to the endpoint with a 64 KiB X-Padding header")
                    .filler('P').big().code(null).reaches(EVERY)
                    .refused(DEFAULTS, 431, JETTY).refused(DEFAULTS, 400, TOMCAT)
                    .refused(DEFAULTS, 400, GLASSFISH)
                    .request(m -> upgrade("/app/echo").header("X-Padding", repeat('P', BIG)).build()),
            attack("path-64k", "request target of 64 KiB").filler('p').big().code("WSG01").reaches(EVERY)
                    .refused(DEFAULTS, 414, JETTY).refused(DEFAULTS, 400, TOMCAT)
                    .refused(DEFAULTS, 400, GLASSFISH)
                    .request(m -> RawRequest.validUpgrade("/app/" + repeat('p', BIG))),
            attack("method-64k", "method name of 64 KiB with upgrade headers").filler('M').big().code("WSG04")
                    .reaches(EVERY).refused(DEFAULTS, 431, JETTY).refused(DEFAULTS, 400, TOMCAT)
                    .refused(DEFAULTS, 400, GLASSFISH)
                    .request(m -> RawRequest.request(repeat('M', BIG), m, "HTTP/1.1")
                            .header("Host", RawRequest.AUTHORITY).header("Upgrade", "websocket")
                            .header("Connection", "Upgrade").header("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY)
                            .header("Sec-WebSocket-Version", "13").build()),

            // ---- repeated headers ----
            attack("keys-100", "100 Sec-WebSocket-Key headers").code("WSG04").reaches(EVERY)
                    // Tomcat's maxHeaderCount and Grizzly's (100): these 104 headers are refused; Jetty and Undertow
                    // (200) take them.
                    .refused(400, TOMCAT).refused(DEFAULTS, 400, GLASSFISH)
                    .request(m -> repeated(handshake(m).header("Sec-WebSocket-Version", "13"),
                            "Sec-WebSocket-Key", RawRequest.SAMPLE_KEY, 100)),
            attack("keys-90", "90 Sec-WebSocket-Key headers (under Tomcat's 100-header cap)").code("WSG04")
                    .reaches(EVERY)
                    .request(m -> repeated(handshake(m).header("Sec-WebSocket-Version", "13"),
                            "Sec-WebSocket-Key", RawRequest.SAMPLE_KEY, 90)),
            attack("versions-50", "50 Sec-WebSocket-Version headers").code("WSG05").reaches(EVERY)
                    .request(m -> repeated(handshake(m).header("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY),
                            "Sec-WebSocket-Version", "13", 50)),

            // ---- NUL and non-ASCII bytes in headers ----
            // Jetty and Tomcat let no raw control byte through a header value, however lenient: Jetty answers 400
            // "Illegal character CNTL=0x0" (or 0x1b), Tomcat a bare 400. Undertow passes NUL and ESC on to the
            // application, and so does GlassFish: there wsguard reads them.
            attack("nul-in-key", "NUL byte inside Sec-WebSocket-Key").code("WSG04").reaches(UNDERTOW, GLASSFISH)
                    .refused(400, JETTY).refused(400, TOMCAT)
                    .request(m -> handshake(m).header("Sec-WebSocket-Key", "dGhlIHNhbXBs\0ZSBub25jZQ==")
                            .header("Sec-WebSocket-Version", "13").build()),
            attack("nul-in-version", "NUL byte inside Sec-WebSocket-Version").code("WSG05")
                    .reaches(UNDERTOW, GLASSFISH)
                    .refused(400, JETTY).refused(400, TOMCAT)
                    .request(m -> handshake(m).header("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY)
                            .header("Sec-WebSocket-Version", "1\u00003").build()),
            attack("c1-in-version", "bytes 0x9B (8-bit CSI), 0x85 (NEL) and 0xFF in Sec-WebSocket-Version")
                    .code("WSG05").reaches(EVERY)
                    .request(m -> version(m, "13\u009b31m\u0085forged\u00ff")),
            attack("utf8-in-key", "UTF-8 (U+2028 line separator, U+202E bidi override) in Sec-WebSocket-Key")
                    .code("WSG04").reaches(EVERY)
                    .request(m -> handshake(m).header("Sec-WebSocket-Key", RawRequest.utf8("dGhlIHNh\u2028YnNhbXBs\u202eZQ=="))
                            .header("Sec-WebSocket-Version", "13").build()),
            attack("esc-in-connection", "raw ESC (ANSI clear screen) in Connection").code("WSG04")
                    .reaches(UNDERTOW, GLASSFISH).refused(400, JETTY).refused(400, TOMCAT)
                    .request(m -> RawRequest.get(m).header("Upgrade", "websocket")
                            .header("Connection", "\u001b[2J\u001b[31mkeep-alive")
                            .header("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY).header("Sec-WebSocket-Version", "13")
                            .build()),
            attack("esc-in-proxy-header", "raw ESC in X-Forwarded-For of a stripped handshake (WSG03 evidence)")
                    .code("WSG03").reaches(UNDERTOW, GLASSFISH).refused(400, JETTY).refused(400, TOMCAT)
                    .request(m -> RawRequest.get(m).header("X-Forwarded-For", "\u001b[2J10.0.0.1\u001b]0;pwned\u0007")
                            .header("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY).header("Sec-WebSocket-Version", "13")
                            .build()),

            // ---- the path ----
            // Raw control bytes in the request line: 400 from Jetty ("Illegal character", "Bad EOL") and Tomcat;
            // Undertow takes NUL and ESC with ALLOW_UNESCAPED_CHARACTERS_IN_URL, never CR or LF. Each path is its
            // own, also once decoded: wsguard logs one (code, path) once per log window.
            // Tomcat, at times, writes its 400 page without status line or headers, as to an HTTP/0.9 request
            // (seen on 10.1 for an ESC): the request line was refused before its version was read.
            attack("nul-in-path", "raw NUL byte in the request target").code("WSG01")
                    .refused(400, JETTY).refused(400, TOMCAT).orAnswered(ERROR_PAGE_AS_HTTP_09, TOMCAT)
                    .refused(DEFAULTS, 400, UNDERTOW).reaches(PERMISSIVE, UNDERTOW)
                    // GlassFish fails a NUL in the path, raw or encoded, with its own 500 before any filter.
                    .refused(DEFAULTS, 500, GLASSFISH)
                    .request(m -> RawRequest.validUpgrade("/app/raw\0nul")),
            // A decoded NUL is refused even by UriCompliance.UNSAFE: Jetty 400 at /badMessage; Tomcat 400. Undertow
            // decodes it and passes it on.
            attack("pct-nul-in-path", "%00 in the path").code("WSG01").reaches(UNDERTOW)
                    .refused(400, JETTY).refused(400, TOMCAT).refused(DEFAULTS, 500, GLASSFISH)
                    .request(m -> RawRequest.validUpgrade("/app/pct%00nul")),
            attack("non-ascii-in-path", "raw UTF-8 and Latin-1/C1 bytes (0x9B, 0x85, 0xFF) in the request target")
                    // Jetty: "Illegal Path Character" unless UNSAFE; Tomcat refuses raw bytes over 0x7F in any profile;
                    // GlassFish fails them with its own 500 before any filter.
                    .code("WSG01").reaches(EVERY).refused(DEFAULTS, 400, JETTY).refused(400, TOMCAT)
                    .refused(DEFAULTS, 400, UNDERTOW).refused(DEFAULTS, 500, GLASSFISH)
                    .request(m -> RawRequest.validUpgrade("/app/" + RawRequest.utf8("ch\u00e9\u2028at")
                            + "\u009b31m\u0085\u00ff")),
            attack("pct-crlf-in-path", "%0d%0a and a forged WSG01 line in the path").code("WSG01").reaches(EVERY)
                    .refused(DEFAULTS, 400, JETTY) // "Suspicious Path Character"
                    .request(m -> RawRequest.validUpgrade("/app/chat%0d%0aWSG01%20forged%20line%0d%0a")),
            attack("pct-ansi-in-path", "%1b%5b (ANSI CSI) escapes in the path").code("WSG01").reaches(EVERY)
                    .refused(DEFAULTS, 400, JETTY) // "Suspicious Path Character"; Tomcat decodes it
                    .request(m -> RawRequest.validUpgrade("/app/%1b%5b2J%1b%5b31mred%1b%5b0m")),
            attack("pct-bidi-in-path", "%e2%80%ae (U+202E bidi override) and %c2%85 (NEL) in the path")
                    .code("WSG01").reaches(EVERY)
                    .request(m -> RawRequest.validUpgrade("/app/chat%e2%80%aetxt.exe%c2%85")),
            attack("raw-cr-in-path", "raw CR inside the request target").code("WSG01")
                    // GlassFish: 505 "HTTP Version Not Supported".
                    .refused(400, JETTY).refused(400, TOMCAT).refused(400, UNDERTOW).refused(DEFAULTS, 505, GLASSFISH)
                    .request(m -> RawRequest.validUpgrade("/app/chat\rWSG01 forged")),
            attack("raw-lf-in-path", "raw LF inside the request line").code("WSG01")
                    // A bare LF ends the request line early: "GET /app/chat" alone is HTTP/0.9. Jetty refuses it
                    // (505 "HTTP/0.9 not supported"); Tomcat serves it, body only, no headers, so nothing reaches
                    // wsguard. GlassFish passes it on, and wsguard sees a malformed handshake (WSG04).
                    .refused(505, JETTY).answered(HTTP_09, TOMCAT).refused(400, UNDERTOW).reachesAs("WSG04", GLASSFISH)
                    .request(m -> RawRequest.validUpgrade("/app/chat\nWSG01 forged")),
            attack("raw-esc-in-path", "raw ESC [ 2 J in the request target").code("WSG01")
                    .refused(400, JETTY).refused(400, TOMCAT).orAnswered(ERROR_PAGE_AS_HTTP_09, TOMCAT)
                    .refused(DEFAULTS, 400, UNDERTOW).reaches(PERMISSIVE, UNDERTOW)
                    // GlassFish passes it through the filters, then throws IllegalArgumentException on its way to the
                    // servlet: its own 500, which wsguard leaves alone and reports as WSG07, naming the exception.
                    .failedAfterWsguard(500, "WSG07", GLASSFISH)
                    .request(m -> RawRequest.validUpgrade("/app/\u001b[2Jchat")),

            // ---- request data reflected by the application into what wsguard reads back ----
            // Jetty's default UriCompliance refuses the encoded controls ("Suspicious Path Character"); Tomcat does not.
            attack("reflected-in-title", "decoded %0d%0a, %1b and U+202E reflected into a 200 page's title")
                    .code("WSG01").reaches(EVERY).refused(DEFAULTS, 400, JETTY)
                    .request(m -> RawRequest.validUpgrade("/app/reflect/%0d%0aWSG01%20forged%1b%5b31m%e2%80%ae")),
            attack("reflected-in-location", "decoded %1b and U+202E reflected into a 302's Location").code("WSG07")
                    .appStatus(302).reaches(EVERY).refused(DEFAULTS, 400, JETTY)
                    .request(m -> RawRequest.validUpgrade("/app/redirect/%1b%5b2J%e2%80%aeforged")),
            attack("reflected-in-challenge", "decoded %1b and %c2%85 (NEL) reflected into a 401's realm")
                    .code("WSG07").appStatus(401).reaches(EVERY).refused(DEFAULTS, 400, JETTY)
                    .request(m -> RawRequest.validUpgrade("/app/challenge/%1b%5b2J%c2%85forged")),
            attack("reflected-64k-title", "a 64 KiB path reflected into a 200 page's title").filler('t').big()
                    // The page (the path twice, 128 KiB) passes the 64 KiB buffer-limit.
                    .code("WSG01").overBufferLimit().reaches(EVERY)
                    .refused(DEFAULTS, 414, JETTY).refused(DEFAULTS, 400, TOMCAT)
                    // Refused while still reading the request line, Tomcat 10.1 at times writes its 400 page bare.
                    .orAnswered(DEFAULTS, ERROR_PAGE_AS_HTTP_09, TOMCAT)
                    .refused(DEFAULTS, 400, GLASSFISH)
                    .request(m -> RawRequest.validUpgrade("/app/reflect/" + repeat('t', BIG))),

            // ---- absurd versions ----
            attack("version-huge-number", "Sec-WebSocket-Version: 99999999999999999999999999999999").code("WSG05")
                    .reaches(EVERY).request(m -> version(m, "99999999999999999999999999999999")),
            attack("version-negative", "Sec-WebSocket-Version: -13").code("WSG05").reaches(EVERY)
                    .request(m -> version(m, "-13")),
            attack("version-empty", "Sec-WebSocket-Version with an empty value").code("WSG05").reaches(EVERY)
                    .request(m -> version(m, "")),
            attack("version-list", "Sec-WebSocket-Version: 13, 8, 7").code("WSG05").reaches(EVERY)
                    .request(m -> version(m, "13, 8, 7")),
            attack("version-fullwidth", "Sec-WebSocket-Version: fullwidth digits U+FF11 U+FF13, as UTF-8")
                    .code("WSG05").reaches(EVERY).request(m -> version(m, RawRequest.utf8("\uff11\uff13"))),
            attack("version-1000-tokens", "Sec-WebSocket-Version: 1000 comma-separated 13s").filler('3')
                    .code("WSG05").reaches(EVERY)
                    .request(m -> version(m, String.join(",", Collections.nCopies(1000, "13")))),
            attack("version-format-string", "Sec-WebSocket-Version: %s%n{0}${jndi:ldap://x}").code("WSG05")
                    .reaches(EVERY).request(m -> version(m, "%s%n{0}${jndi:ldap://x}")));

    private AttackCatalogue() {
    }

    public static List<Attack> attacks() {
        return ATTACKS;
    }

    /** A GET with {@code Upgrade: websocket} and {@code Connection: Upgrade}, the rest of the handshake to add. */
    private static RawRequest.Builder handshake(String target) {
        return RawRequest.get(target).header("Upgrade", "websocket").header("Connection", "Upgrade");
    }

    /** The browser-style valid upgrade, headers to add. */
    private static RawRequest.Builder upgrade(String target) {
        return RawRequest.validUpgrade(target).toBuilder();
    }

    private static RawRequest version(String target, String value) {
        return handshake(target).header("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY)
                .header("Sec-WebSocket-Version", value).build();
    }

    private static RawRequest repeated(RawRequest.Builder request, String name, String value, int times) {
        for (int i = 0; i < times; i++) {
            request.header(name, value);
        }
        return request.build();
    }

    static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }
}
