package dev.wsguard.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTemplateTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "/echo, /echo, true",
        "/echo, /echo/, false",
        "/echo, /Echo, false",
        "/echo, /echo2, false",
        "/chat/{room}, /chat/lobby, true",
        "/chat/{room}, /chat/, false",
        "/chat/{room}, /chat, false",
        "/chat/{room}, /chat/a/b, false",
        "/a/{x}/b/{y}, /a/1/b/2, true",
        "/, /, true",
        "/, /x, false",
        "/echo/, /echo/, true",
    })
    void matches(String template, String path, boolean expected) {
        assertEquals(expected, EndpointTemplate.parse(template).matches(path));
    }

    @Test
    void matchesARegionWithoutCopying() {
        EndpointTemplate t = EndpointTemplate.parse("/echo");
        String uri = "/app/echo;jsessionid=1";
        assertTrue(t.matches(uri, 4, 9));
        assertFalse(t.matches(uri, 4, uri.length()));
    }

    @Test
    void ignoreCaseOnlyForLiterals() {
        assertTrue(EndpointTemplate.parse("/Chat/{room}").matches("/chat/X", 0, 7, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "echo", "/ec ho", "/echo?x", "/a/{b", "/a/b}", "/a/{}", "/a/x{b}", "/a\n"})
    void rejectsBadTemplates(String bad) {
        assertThrows(IllegalArgumentException.class, () -> EndpointTemplate.parse(bad));
    }

    @Test
    void rejectsOverlongTemplates() {
        assertThrows(IllegalArgumentException.class, () -> EndpointTemplate.parse("/" + "a".repeat(2000)));
    }

    @Test
    void theFirstCharacterPrefilterNeverHidesAMatch() {
        EndpointRegistry literal = EndpointRegistry.of(List.of(
                new KnownEndpoint(EndpointTemplate.parse("/echo"), EndpointSource.INIT_PARAM),
                new KnownEndpoint(EndpointTemplate.parse("/Chat/{room}"), EndpointSource.INIT_PARAM),
                new KnownEndpoint(EndpointTemplate.parse("/_x"), EndpointSource.INIT_PARAM),
                new KnownEndpoint(EndpointTemplate.parse("/\u00e9t\u00e9"), EndpointSource.INIT_PARAM)));
        assertEquals("/echo", literal.matchPathInContext("/echo", null).path());
        assertEquals("/Chat/{room}", literal.matchPathInContext("/Chat/1", null).path());
        assertEquals("/_x", literal.matchPathInContext("", "/_x").path());
        assertEquals("/\u00e9t\u00e9", literal.matchPathInContext("/\u00e9t\u00e9", null).path());
        assertEquals(null, literal.matchPathInContext("/index.html", null));
        assertEquals(null, literal.matchPathInContext("/", null));
        EndpointRegistry variableFirst = EndpointRegistry.of(List.of(
                new KnownEndpoint(EndpointTemplate.parse("/{anything}"), EndpointSource.INIT_PARAM)));
        assertEquals("/{anything}", variableFirst.matchPathInContext("/zzz", null).path());
        EndpointRegistry root = EndpointRegistry.of(List.of(
                new KnownEndpoint(EndpointTemplate.parse("/"), EndpointSource.INIT_PARAM)));
        assertEquals("/", root.matchPathInContext("/", null).path());
    }

    @Test
    void registryDropsDuplicatesAndMatchesServletPathPlusPathInfo() {
        EndpointRegistry r = EndpointRegistry.of(List.of(
                new KnownEndpoint(EndpointTemplate.parse("/echo"), EndpointSource.INIT_PARAM),
                new KnownEndpoint(EndpointTemplate.parse("/echo"), EndpointSource.INIT_PARAM),
                new KnownEndpoint(EndpointTemplate.parse("/chat/{room}"), EndpointSource.INIT_PARAM)));
        assertEquals(2, r.size());
        assertEquals("/echo", r.matchPathInContext("/echo", null).path());
        assertEquals("/echo", r.matchPathInContext("", "/echo").path());
        assertEquals("/chat/{room}", r.matchPathInContext("/chat", "/1").path());
        assertEquals(null, r.matchPathInContext("", null));
        assertEquals(null, r.matchPathInContext(null, null));
        assertEquals(null, r.matchPathInContext("/chat", null));
        assertEquals(null, r.matchPathInContext("/x", "/echo"));
        String same = "/echo";
        assertEquals(null, r.matchPathInContext(same, same), "/echo/echo is no endpoint, whatever the strings' identity");
        assertEquals("/echo", r.matchPathInContext("/echo", "").path());
        assertTrue(EndpointRegistry.empty().isEmpty());
    }

    @Test
    void twoPartsMatchExactlyAsTheirConcatenationAtEverySplit() {
        List<String> templates = List.of("/echo", "/chat/{room}", "/a/{x}/b/{y}", "/", "/echo/", "/{any}");
        List<String> paths = List.of("/echo", "/echo/", "/echo2", "/chat/lobby", "/chat/", "/chat", "/chat/a/b",
                "/a/1/b/2", "/a//b/2", "/", "/x", "//", "", "/ech", "echo");
        for (String text : templates) {
            EndpointTemplate t = EndpointTemplate.parse(text);
            for (String path : paths) {
                for (int cut = 0; cut <= path.length(); cut++) {
                    String first = path.substring(0, cut);
                    String second = path.substring(cut);
                    assertEquals(t.matches(path), t.matches(first, second),
                            () -> text + " against [" + first + "] + [" + second + "]");
                }
            }
        }
    }

    @Test
    void servletPathPlusPathInfoIsMatchedWithoutAllocating() {
        EndpointRegistry r = EndpointRegistry.of(List.of(
                new KnownEndpoint(EndpointTemplate.parse("/echo"), EndpointSource.INIT_PARAM),
                new KnownEndpoint(EndpointTemplate.parse("/chat/{room}"), EndpointSource.INIT_PARAM)));
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        int found = 0;
        for (int i = 0; i < 1_000; i++) {
            found += r.matchPathInContext("/chat", "/lobby") != null ? 1 : 0;
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100_000; i++) {
            found += r.matchPathInContext("/chat", "/lobby") != null ? 1 : 0;
            found += r.matchPathInContext("/cha", "/x") != null ? 1 : 0;
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertEquals(101_000, found);
        // A concatenation per call would be megabytes; the measurement itself may cost a few bytes.
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes over 200,000 matches");
    }
}
