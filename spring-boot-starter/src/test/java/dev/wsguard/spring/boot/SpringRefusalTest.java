package dev.wsguard.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A refusal's text is filled in one pass: request data is never read as a placeholder. */
class SpringRefusalTest {

    @Test
    void valuesAreFilledInOnePassSoRequestDataIsNeverReadAsAPlaceholder() {
        String text = SpringRefusal.SECURITY_UNAUTHENTICATED.text(Map.of("path", "/a/{path}/{x}"));
        assertTrue(text.startsWith("Spring Security demands authentication for /a/{path}/{x}, and"), text);
        assertTrue(text.contains("requestMatchers(\"/a/{path}/{x}\").permitAll()"), text);
        assertEquals("abc...", SpringRefusal.cut("abcdef", 3));
        assertEquals("abc", SpringRefusal.cut("abc", 3));
    }
}
