package dev.wsguard.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.Filter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The namespace is read from a string the Eclipse Transformer rewrites; here, in the jakarta build. */
class NamespaceTest {

    @Test
    void homeIsTheNamespaceOfTheServletApiThisJarWasCompiledAgainst() {
        assertEquals(Filter.class.getName(), Namespace.home("servlet.Filter"));
        assertEquals("jakarta", Namespace.HOME);
        assertEquals("javax", Namespace.OTHER);
        assertNotEquals(Namespace.HOME, Namespace.OTHER);
        assertEquals("jakarta/websocket/", Namespace.homePath("websocket/"));
        assertEquals("javax.websocket", Namespace.other("websocket"));
    }

    @Test
    void everyPhraseHasItsNamespaceFilledIn() {
        List<String> left = new ArrayList<>();
        Wording.phrases().forEach((key, phrase) -> {
            if (phrase.contains("{ns}") || phrase.contains("{otherNs}")) {
                left.add(key + " = " + phrase);
            }
        });
        assertTrue(left.isEmpty(), () -> "namespace placeholders left: " + left);
        assertEquals("startup: javax/jakarta WebSocket namespace mix",
                Wording.phrases().get("DiagnosisCode.WSG11"));
    }
}
