package dev.wsguard.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;

/** The RFC 6455 framing the probe needs: masked client frames out, unmasked server frames in, bounded. */
final class Frames {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** The largest frame payload the probe reads; an echo of its own message is far smaller. */
    static final int MAX_PAYLOAD = 64 * 1024;

    /** One frame as received. */
    record Frame(boolean fin, int opcode, byte[] payload) {
    }

    private Frames() {
    }

    /** A final, masked client frame (RFC 6455 section 5.3: every client frame is masked). */
    static byte[] encode(int opcode, byte[] payload, byte[] mask) {
        if (mask.length != 4) {
            throw new IllegalArgumentException("a mask is 4 bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 14);
        out.write(0x80 | opcode);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            out.write(0x80 | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xff);
        } else {
            out.write(0x80 | 127);
            long len = payload.length;
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (len >>> shift) & 0xff);
            }
        }
        out.write(mask, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i & 3]);
        }
        return out.toByteArray();
    }

    static byte[] encode(int opcode, byte[] payload, SecureRandom random) {
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        return encode(opcode, payload, mask);
    }

    /** The next frame from the server, or a protocol error for anything RFC 6455 forbids a server to send. */
    static Frame read(Wire wire) throws IOException, ProbeException {
        int b0 = wire.read();
        int b1 = b0 < 0 ? -1 : wire.read();
        if (b1 < 0) {
            throw ProbeException.protocol("fix.protocol.closed", "the connection closed where a frame was expected");
        }
        return decode(b0, b1, wire);
    }

    private static Frame decode(int b0, int b1, Wire wire) throws IOException, ProbeException {
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0f;
        if ((b0 & 0x70) != 0) {
            throw ProbeException.protocol("fix.protocol.garbage",
                    "a frame with reserved bits set, though no extension was agreed (byte 0x" + hex(b0) + ")");
        }
        if ((opcode > BINARY && opcode < CLOSE) || opcode > PONG) {
            throw ProbeException.protocol("fix.protocol.garbage", "a frame with the reserved opcode 0x" + hex(opcode));
        }
        if ((b1 & 0x80) != 0) {
            throw ProbeException.protocol("fix.protocol.garbage", "a masked frame from the server (RFC 6455 section 5.1)");
        }
        long length = b1 & 0x7f;
        if (length == 126) {
            length = (readByte(wire) << 8) | readByte(wire);
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte(wire);
            }
            if (length < 0) {
                throw ProbeException.protocol("fix.protocol.garbage", "a frame length with its top bit set");
            }
        }
        if (opcode >= CLOSE && (length > 125 || !fin)) {
            throw ProbeException.protocol("fix.protocol.garbage",
                    "a control frame that is fragmented or longer than 125 bytes");
        }
        if (length > MAX_PAYLOAD) {
            throw ProbeException.protocol("fix.protocol.garbage",
                    "a frame of " + length + " bytes, more than the probe reads (" + MAX_PAYLOAD + ")");
        }
        byte[] payload = new byte[(int) length];
        if (!wire.readFully(payload, 0, payload.length)) {
            throw ProbeException.protocol("fix.protocol.closed", "the connection closed in the middle of a frame");
        }
        return new Frame(fin, opcode, payload);
    }

    private static long readByte(Wire wire) throws IOException, ProbeException {
        int b = wire.read();
        if (b < 0) {
            throw ProbeException.protocol("fix.protocol.closed", "the connection closed in the middle of a frame");
        }
        return b;
    }

    private static String hex(int b) {
        return Integer.toHexString(b);
    }
}
