package dev.wsguard.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The starter's texts file and its causes stay paired: every constant of {@link SpringRefusal},
 * {@link SpringMisroute}, {@link SpringStartupProblem} and its {@code EmbeddedServer} has its text, every part the
 * code fills in is there, and every key in the file belongs to one of them.
 */
class SpringTextsTest {

    /** The parts the code asks for, by the enum whose texts they fill. */
    private static final Map<String, Set<String>> PARTS = Map.of(
            "SpringRefusal", Set.of("check.websocket", "check.sockjs", "sameOriginOnly", "forwarded", "notAnOrigin",
                    "pageOrigin"),
            "SpringMisroute", Set.of("application", "broker", "send", "subscribe", "sockJs", "or", "pattern"),
            "SpringStartupProblem", Set.of("pattern", "pathPattern"));

    @Test
    void everyCauseHasItsTextAndEveryTextACause() {
        Set<String> expected = new TreeSet<>();
        for (SpringRefusal r : SpringRefusal.values()) {
            expected.add("SpringRefusal." + r.name());
        }
        for (SpringMisroute m : SpringMisroute.values()) {
            expected.add("SpringMisroute." + m.name());
        }
        for (SpringStartupProblem p : SpringStartupProblem.values()) {
            if (SpringTexts.find(p.key() + ".description") != null) {
                expected.add(p.key() + ".description");
            }
            if (SpringTexts.find(p.key() + ".action") != null) {
                expected.add(p.key() + ".action");
            }
            assertNotNull(p.action(Map.of()), p + " has an action");
        }
        for (SpringStartupProblem.EmbeddedServer server : SpringStartupProblem.EmbeddedServer.values()) {
            expected.add(server.key());
        }
        PARTS.forEach((type, parts) -> parts.forEach(part -> expected.add(type + ".part." + part)));
        assertEquals(expected, new TreeSet<>(SpringTexts.all().keySet()));
    }

    @Test
    void everyTextIsOneLineAndEveryCauseGivesAFix() {
        SpringTexts.all().forEach((key, text) -> assertFalse(text.contains("\n"), key + " is one line: " + text));
        for (SpringRefusal r : SpringRefusal.values()) {
            assertTrue(r.text(Map.of()).contains(" Fix: "), r + " gives a fix");
        }
        assertTrue(SpringMisroute.STOMP_DESTINATION.text(Map.of()).contains(" Fix: "));
        for (SpringStartupProblem p : SpringStartupProblem.values()) {
            assertFalse(p.action(Map.of()).startsWith("SpringStartupProblem."), p + " has its own action text");
        }
    }
}
