package dev.wsguard.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every Spring refusal has its text in refusals.properties, and every text there belongs to one. */
class SpringRefusalTest {

    @Test
    void everyConstantHasATextAndEveryTextAConstant() {
        Set<String> constants = Arrays.stream(SpringRefusal.values()).map(Enum::name)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> texts = SpringRefusal.texts().keySet().stream().filter(k -> !k.startsWith(SpringRefusal.PART))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(constants, texts);
        for (SpringRefusal r : SpringRefusal.values()) {
            String text = r.text(Map.of());
            assertNotEquals(r.name(), text, "no text for " + r);
            assertTrue(text.contains(" Fix: "), r + " gives a fix: " + text);
            assertFalse(text.contains("\n"), r + " is one line: " + text);
        }
        for (String part : new String[] {"check.websocket", "check.sockjs", "sameOriginOnly", "forwarded", "notAnOrigin",
            "pageOrigin"}) {
            assertNotEquals(SpringRefusal.PART + part, SpringRefusal.part(part), part);
        }
    }

    @Test
    void valuesAreFilledInOnePassSoRequestDataIsNeverReadAsAPlaceholder() {
        String text = SpringRefusal.SECURITY_UNAUTHENTICATED.text(Map.of("path", "/a/{path}/{x}"));
        assertTrue(text.startsWith("Spring Security demands authentication for /a/{path}/{x}, and"), text);
        assertTrue(text.contains("requestMatchers(\"/a/{path}/{x}\").permitAll()"), text);
        assertEquals("abc...", SpringRefusal.cut("abcdef", 3));
        assertEquals("abc", SpringRefusal.cut("abc", 3));
    }
}
