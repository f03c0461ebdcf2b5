package dev.wsguard.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wsguard.handshake.HandshakeKind;
import org.junit.jupiter.api.Test;

class VerdictsTest {

    /** A valid handshake earns a code only from what answered it; every other attempt is wrong whoever answers. */
    @Test
    void everyAttemptIsEitherValidOrWrongOnItsOwn() {
        assertNull(Verdicts.forInvalid(HandshakeKind.VALID));
        assertNull(Verdicts.forInvalid(HandshakeKind.VALID_HTTP2));
        assertEquals(DiagnosisCode.WSG03, Verdicts.forInvalid(HandshakeKind.HEADERS_STRIPPED));
        assertEquals(DiagnosisCode.WSG04, Verdicts.forInvalid(HandshakeKind.MALFORMED));
        assertEquals(DiagnosisCode.WSG05, Verdicts.forInvalid(HandshakeKind.UNSUPPORTED_VERSION));
    }
}
