package dev.wsguard.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.diagnosis.Cause;
import dev.wsguard.diagnosis.DiagnosisCode;
import dev.wsguard.diagnosis.Enforcement;
import dev.wsguard.endpoints.ClosestEndpoint;
import dev.wsguard.endpoints.EndpointSource;
import dev.wsguard.endpoints.FrameworkState;
import dev.wsguard.endpoints.ScanState;
import dev.wsguard.handshake.HandshakeProblem;
import dev.wsguard.handshake.ProxyFingerprint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class WordingTest {

    /** The enums whose constants each have one phrase. */
    private static final List<Class<? extends Enum<?>>> ONE_PHRASE = Arrays.asList(DiagnosisCode.class,
            HandshakeProblem.class, EndpointSource.class, FrameworkState.class, Enforcement.class,
            ClosestEndpoint.Relation.class, Cause.class, ProxyFingerprint.class);
    private static final List<String> SCAN_STATE_PARTS = Arrays.asList("description", "reason", "fix");
    /**
     * The parts a constant of these enums may have beside its own phrase: its fix, the variants its line may need, a
     * proxy's config and path mapping, WSG03's general fixes.
     */
    private static final Set<String> PARTS = new TreeSet<>(Arrays.asList("fix", "why", "unlisted", "noList",
            "reason", "otherContext", "closest", "list", "fixOtherContext", "lacksContext", "namesContext",
            "fixWithPaths", "client", "anyClient", "failed", "thrown", "config", "mapping", "hop", "declaredOne",
            "declaredMany", "framework", "javaxContainer", "one", "many", "annotated", "applicationConfig", "subclass",
            "them", "noApi", "api", "javax", "jakarta"));
    private static final Set<String> WITH_PARTS = Set.of("Cause", "ProxyFingerprint", "DiagnosisCode");

    @Test
    void everyConstantHasItsPhraseAndEveryPhraseItsConstant() {
        Set<String> expected = new TreeSet<>();
        for (Class<? extends Enum<?>> type : ONE_PHRASE) {
            for (Enum<?> constant : type.getEnumConstants()) {
                expected.add(Wording.key(constant, null));
            }
        }
        for (ScanState state : ScanState.values()) {
            for (String part : SCAN_STATE_PARTS) {
                // A scan that ran leaves nothing to fix.
                if (!(state == ScanState.RAN && part.equals("fix"))) {
                    expected.add(Wording.key(state, part));
                }
            }
        }
        Set<String> found = new TreeSet<>(Wording.phrases().keySet());
        List<String> strayParts = new ArrayList<>();
        for (String key : new ArrayList<>(found)) {
            String[] parts = key.split("\\.");
            if (WITH_PARTS.contains(parts[0]) && parts.length == 3) {
                found.remove(key);
                if (!PARTS.contains(parts[2]) || !expected.contains(parts[0] + "." + parts[1])) {
                    strayParts.add(key);
                }
            }
        }
        assertEquals(expected, found);
        assertEquals(List.of(), strayParts, "parts of no cause, or of no known kind");
    }

    /** Every proxy a line can name says how it lost the upgrade and what to do. */
    @Test
    void everyProxyHasItsWhyAndItsFix() {
        for (ProxyFingerprint p : ProxyFingerprint.values()) {
            assertTrue(Wording.of(p, "why") != null && Wording.of(p, "fix") != null, p.name());
        }
    }

    @Test
    void phrasesAreOneSafeLineWithoutStrayBlanks() {
        List<String> bad = new ArrayList<>();
        Wording.phrases().forEach((key, phrase) -> {
            if (!phrase.equals(phrase.trim()) || !Sanitizer.isClean(phrase)) {
                bad.add(key + " = [" + phrase + "]");
            }
        });
        assertTrue(bad.isEmpty(), () -> "phrases with blanks at an end or characters a log line escapes: " + bad);
    }

    @Test
    void aConstantReadsAsItsPhrase() {
        assertEquals("Sec-WebSocket-Version must be 13", HandshakeProblem.UNSUPPORTED_VERSION.requirement());
        assertEquals("init-param endpoints", EndpointSource.INIT_PARAM.label());
        assertEquals(EndpointSource.INIT_PARAM, EndpointSource.ofLabel("init-param endpoints"));
        assertEquals("", Enforcement.NONE.sentence());
        assertNull(ScanState.RAN.fix());
        assertFalse(ScanState.NOT_RUN.fix().isEmpty());
        assertEquals("startup summary", DiagnosisCode.WSG00.meaning());
    }
}
