package dev.wsguard.testkit.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The few RFC 6455 frames an echo check needs: one masked text frame out, one server frame in, a
 * close. Client frames must be masked (section 5.3); server frames must not be.
 */
public final class WebSocketFrames {

    public static final int OPCODE_TEXT = 0x1;
    public static final int OPCODE_CLOSE = 0x8;
    private static final int MAX_PAYLOAD = 1024 * 1024;

    private WebSocketFrames() {
    }

    /** A frame as read: FIN flag, opcode, unmasked payload. */
    public record Frame(boolean fin, int opcode, byte[] payload) {

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    public static void sendText(OutputStream out, String text) throws IOException {
        sendMasked(out, OPCODE_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A close frame with a status code (1000 = normal closure). */
    public static void sendClose(OutputStream out, int statusCode) throws IOException {
        sendMasked(out, OPCODE_CLOSE, new byte[] {(byte) (statusCode >> 8), (byte) statusCode});
    }

    private static void sendMasked(OutputStream out, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        int length = payload.length;
        if (length < 126) {
            frame.write(0x80 | length);
        } else if (length <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write(length >> 8);
            frame.write(length);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) length >> shift));
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Reads one frame; fails on a masked server frame or a payload over 1 MiB. */
    public static Frame read(InputStream in) throws IOException {
        int b0 = readByte(in);
        int b1 = readByte(in);
        if ((b1 & 0x80) != 0) {
            throw new IOException("server frame is masked (RFC 6455 section 5.1 forbids it)");
        }
        long length = b1 & 0x7F;
        if (length == 126) {
            length = ((long) readByte(in) << 8) | readByte(in);
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte(in);
            }
        }
        if (length > MAX_PAYLOAD) {
            throw new IOException("frame payload of " + length + " bytes over the helper's limit");
        }
        byte[] payload = new byte[(int) length];
        int read = 0;
        while (read < payload.length) {
            int n = in.read(payload, read, payload.length - read);
            if (n < 0) {
                throw new EOFException("connection closed inside a frame");
            }
            read += n;
        }
        return new Frame((b0 & 0x80) != 0, b0 & 0x0F, payload);
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed before a complete frame header");
        }
        return b;
    }
}
