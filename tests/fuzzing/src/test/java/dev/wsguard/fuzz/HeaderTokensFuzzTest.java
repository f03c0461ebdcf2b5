package dev.wsguard.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wsguard.handshake.HeaderTokens;
import java.nio.charset.StandardCharsets;

/**
 * The allocation-free token-list reader against a plain reference (split, cut parameters, trim
 * optional whitespace, compare ignoring case): the fast one must never disagree with the obvious.
 * Input: the first line is the token, the rest the header value.
 */
class HeaderTokensFuzzTest {

    @FuzzTest(maxDuration = "2h")
    void agreesWithTheReference(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        int newline = text.indexOf('\n');
        String token = newline < 0 ? "upgrade" : text.substring(0, newline);
        String value = newline < 0 ? text : text.substring(newline + 1);
        assertEquals(reference(value, token), HeaderTokens.containsToken(value, token),
                () -> "containsToken([" + value + "], [" + token + "])");
    }

    private static String element(String raw) {
        int semicolon = raw.indexOf(';');
        String e = semicolon >= 0 ? raw.substring(0, semicolon) : raw;
        int s = 0;
        int end = e.length();
        while (s < end && (e.charAt(s) == ' ' || e.charAt(s) == '\t')) {
            s++;
        }
        while (end > s && (e.charAt(end - 1) == ' ' || e.charAt(end - 1) == '\t')) {
            end--;
        }
        return e.substring(s, end);
    }

    static boolean reference(String value, String token) {
        for (String raw : value.split(",", -1)) {
            if (element(raw).equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }
}
