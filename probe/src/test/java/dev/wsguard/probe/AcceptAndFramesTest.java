package dev.wsguard.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.handshake.HandshakeClassifier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class AcceptAndFramesTest {

    private static Wire wireOf(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return new Wire(null, new ByteArrayInputStream(bytes), new ByteArrayOutputStream(), Deadline.inMillis(5000));
    }

    @Test
    void acceptIsRfc6455sExample() {
        // RFC 6455 section 1.3.
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", Accept.of("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    @Test
    void keysAreValidByTheFiltersRuleAndFresh() {
        SecureRandom random = new SecureRandom();
        String a = Accept.newKey(random);
        assertTrue(HandshakeClassifier.isValidKey(a));
        assertTrue(!a.equals(Accept.newKey(random)));
    }

    @Test
    void clientFramesAreMaskedAsRfc6455Section53Shows() {
        // RFC 6455 section 5.7: a masked "Hello".
        byte[] frame = Frames.encode(Frames.TEXT, "Hello".getBytes(StandardCharsets.US_ASCII),
                new byte[] {0x37, (byte) 0xfa, 0x21, 0x3d});
        assertArrayEquals(new byte[] {(byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d,
            0x51, 0x58}, frame);
    }

    @Test
    void longPayloadsUseTheExtendedLength() {
        byte[] frame = Frames.encode(Frames.TEXT, new byte[300], new byte[4]);
        assertEquals((byte) (0x80 | 126), frame[1]);
        assertEquals(300, ((frame[2] & 0xff) << 8) | (frame[3] & 0xff));
        assertEquals(2 + 2 + 4 + 300, frame.length);
    }

    @Test
    void serverFramesDecode() throws Exception {
        // RFC 6455 section 5.7: an unmasked "Hello", then a pong.
        Wire wire = wireOf(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x8a, 0x01, 0x78);
        Frames.Frame hello = Frames.read(wire);
        assertEquals(Frames.TEXT, hello.opcode());
        assertEquals("Hello", new String(hello.payload(), StandardCharsets.US_ASCII));
        assertEquals(Frames.PONG, Frames.read(wire).opcode());
    }

    @Test
    void whatAServerMustNotSendIsAProtocolError() {
        assertEquals(Verdict.PROTOCOL_ERROR, assertThrows(ProbeException.class,
                () -> Frames.read(wireOf(0x81, 0x81, 1, 2, 3, 4, 5))).verdict(), "masked");
        assertThrows(ProbeException.class, () -> Frames.read(wireOf(0xc1, 0x00)), "RSV1 without extension");
        assertThrows(ProbeException.class, () -> Frames.read(wireOf(0x83, 0x00)), "reserved opcode");
        assertThrows(ProbeException.class, () -> Frames.read(wireOf(0x09, 0x00)), "fragmented ping");
        assertThrows(ProbeException.class, () -> Frames.read(wireOf(0x81, 127, 0, 0, 0, 1, 0, 0, 0, 0)),
                "4 GiB frame");
        assertThrows(ProbeException.class, () -> Frames.read(wireOf(0x81, 0x05, 0x48)), "cut short");
    }
}
