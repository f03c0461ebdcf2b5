package dev.wsguard.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaults() throws Exception {
        Options o = Options.parse("ws://h/x");
        assertEquals("ws://h/x", o.url);
        assertEquals(5000, o.timeoutMillis);
        assertNull(o.origin);
        assertTrue(o.headers.isEmpty());
    }

    @Test
    void everyOption() throws Exception {
        Options o = Options.parse("--origin", "https://a.example", "-H", "Cookie: s=1", "--header=X-A: b",
                "--timeout=0.5", "--send", "hi", "--json", "--insecure", "wss://h/x");
        assertEquals("https://a.example", o.origin);
        assertEquals(2, o.headers.size());
        assertArrayEquals(new String[] {"Cookie", "s=1"}, o.headers.get(0));
        assertArrayEquals(new String[] {"X-A", "b"}, o.headers.get(1));
        assertEquals(500, o.timeoutMillis);
        assertEquals("hi", o.send);
        assertTrue(o.json && o.insecure);
    }

    @Test
    void helpNeedsNoUrl() throws Exception {
        assertTrue(Options.parse("--help").help);
    }

    @Test
    void mistakesAreUsageErrors() {
        assertThrows(UsageException.class, Options::parse);
        assertThrows(UsageException.class, () -> Options.parse("--nope", "ws://h/"));
        assertThrows(UsageException.class, () -> Options.parse("ws://a/", "ws://b/"));
        assertThrows(UsageException.class, () -> Options.parse("--timeout", "0", "ws://h/"));
        assertThrows(UsageException.class, () -> Options.parse("--timeout", "x", "ws://h/"));
        assertThrows(UsageException.class, () -> Options.parse("--timeout"));
        assertThrows(UsageException.class, () -> Options.parse("-H", "no colon", "ws://h/"));
        assertThrows(UsageException.class, () -> Options.parse("-H", "Bad Name: v", "ws://h/"));
        assertThrows(UsageException.class, () -> Options.parse("-H", "X: a\r\nInjected: b", "ws://h/"));
        assertThrows(UsageException.class, () -> Options.parse("--insecure", "--cacert", "ca.pem", "ws://h/"));
        assertThrows(UsageException.class, () -> Target.parse("ftp://h/"));
        assertThrows(UsageException.class, () -> Target.parse("ws:///path"));
    }

    @Test
    void usageErrorsExit64AndHelpExits0() {
        ProbeRun bad = ProbeRun.of("--nope");
        assertEquals(64, bad.exit());
        assertTrue(bad.err().contains("unknown option --nope"), bad::toString);
        assertEquals(64, ProbeRun.of("-H", "Sec-WebSocket-Version: 8", "ws://127.0.0.1:1/").exit(),
                "a -H that breaks the handshake by the filter's rules");
        ProbeRun help = ProbeRun.of("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().startsWith("Usage: java -jar wsguard-probe.jar"), help::toString);
    }

    @Test
    void targets() throws Exception {
        Target t = Target.parse("wss://Example.com/chat?room=1#frag");
        assertEquals(443, t.port());
        assertEquals("Example.com", t.hostHeader());
        assertEquals("/chat?room=1", t.requestTarget());
        assertEquals("https://Example.com", t.sameOrigin());
        Target p = Target.parse("ws://[::1]:8080");
        assertEquals("::1", p.socketHost());
        assertEquals("[::1]:8080", p.hostHeader());
        assertEquals("/", p.path());
        assertEquals("ws://127.0.0.1:8080/app/login", Target.parse("ws://127.0.0.1:8080/app/x").resolve("/app/login")
                .toString());
        assertEquals("https://other/x", Target.parse("ws://h/a").resolve("https://other/x").toString());
        assertEquals("ws://h/a/b", Target.parse("ws://h/a/").resolve("b").toString());
    }
}
