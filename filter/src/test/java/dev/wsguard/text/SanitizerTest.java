package dev.wsguard.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SanitizerTest {

    @Test
    void cleanValuesAreReturnedAsIs() {
        String v = "/app/echo?room=1 é ü 日本";
        assertSame(v, Sanitizer.field(v));
    }

    static Stream<Arguments> escapes() {
        return Stream.of(
            Arguments.of("a\rb", "a\\rb"),
            Arguments.of("a\nb", "a\\nb"),
            Arguments.of("a\tb", "a\\tb"),
            Arguments.of("a\u0000b", "a\\0b"),
            Arguments.of("a\u001bb", "a\\x1bb"),
            Arguments.of("a\u007fb", "a\\x7fb"),
            Arguments.of("a\u0085b", "a\\x85b"),
            Arguments.of("a\u2028b", "a\\u2028b"),
            Arguments.of("a\u202eb", "a\\u202eb"),
            Arguments.of("a\\b", "a\\\\b"));
    }

    @ParameterizedTest(name = "escapes {1}")
    @MethodSource("escapes")
    void escapes(String raw, String expected) {
        assertEquals(expected, Sanitizer.field(raw));
    }

    @Test
    void forgedLogLineStaysOnOneLine() {
        String attack = "/x\r\nWSG01 fake incident\r\n";
        String out = Sanitizer.field(attack);
        assertFalse(out.contains("\r") || out.contains("\n"), out);
        assertEquals("/x\\r\\nWSG01 fake incident\\r\\n", out);
    }

    @Test
    void loneSurrogatesAreEscapedPairsKept() {
        assertEquals("a\\ud800b", Sanitizer.field("a\ud800b"));
        assertEquals("a\ud83d\ude00b", Sanitizer.field("a\ud83d\ude00b"));
    }

    @Test
    void cutsToTheLimitWithAnEllipsis() {
        String out = Sanitizer.field("x".repeat(1000));
        assertEquals(Sanitizer.FIELD_LIMIT, out.length());
        assertTrue(out.endsWith("..."));
        String exact = "y".repeat(Sanitizer.FIELD_LIMIT);
        assertSame(exact, Sanitizer.field(exact));
    }

    @Test
    void escapesCountTowardsTheLimitAndAreNeverSplit() {
        String out = Sanitizer.field("\n".repeat(500), 20);
        assertTrue(out.length() <= 20, out);
        assertTrue(out.endsWith("..."), out);
        assertEquals("\\n".repeat(8) + "...", out);
    }

    @Test
    void surrogatePairsAreNeverSplitByTheCut() {
        String out = Sanitizer.field("\ud83d\ude00".repeat(100), 10);
        assertTrue(out.length() <= 10);
        assertFalse(Character.isHighSurrogate(out.charAt(out.length() - 4)), out);
    }

    @Test
    void nullReadsAsDash() {
        assertEquals("-", Sanitizer.field(null));
    }
}
