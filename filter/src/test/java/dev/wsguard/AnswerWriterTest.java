package dev.wsguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.containers.ContainerProfile;
import dev.wsguard.diagnosis.DiagnosisCode;
import dev.wsguard.diagnosis.EnforceAnswer;
import dev.wsguard.testkit.servlet.ResponseDouble;
import org.junit.jupiter.api.Test;

class AnswerWriterTest {

    private final ResponseDouble real = new ResponseDouble();

    @Test
    void whereTheContainerCannotFrameItA426GoesWithoutUpgrade() throws Exception {
        new AnswerWriter(ContainerProfile.GLASSFISH).write(real, EnforceAnswer.forCode(DiagnosisCode.WSG05, null), null);
        assertEquals(426, real.getStatus());
        assertEquals("13", real.getHeader("Sec-WebSocket-Version"));
        assertEquals("WSG05", real.getHeader("WSGuard-Code"));
        assertNull(real.getHeader("Upgrade"));
        assertNull(real.getHeader("Connection"));
        assertFalse(ContainerProfile.GLASSFISH.framesRefusalsWithUpgradeHeader());
        assertTrue(ContainerProfile.TOMCAT.framesRefusalsWithUpgradeHeader());
        ResponseDouble other = new ResponseDouble();
        new AnswerWriter(ContainerProfile.TOMCAT).write(other, EnforceAnswer.forCode(DiagnosisCode.WSG05, null), null);
        assertEquals("websocket", other.getHeader("Upgrade"));
    }

    @Test
    void whereTheContainerKeptTheWriterTheSameTextGoesThroughIt() throws Exception {
        // As on a container whose reset() keeps the choice of writer over stream.
        real.getWriter();
        new AnswerWriter(ContainerProfile.TOMCAT).write(real, EnforceAnswer.forCode(DiagnosisCode.WSG01, null), "d");
        assertEquals(400, real.getStatus());
        assertEquals(EnforceAnswer.forCode(DiagnosisCode.WSG01, null).body("d"), real.text());
    }
}
