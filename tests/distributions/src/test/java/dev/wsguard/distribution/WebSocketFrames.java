package dev.wsguard.distribution;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** Just enough RFC 6455 framing to prove a 101 is a working connection: one short text frame each way. */
final class WebSocketFrames {

    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_CLOSE = 0x8;

    private WebSocketFrames() {
    }

    /** Sends {@code text} (under 126 bytes) as a masked text frame and returns the text of the first frame back. */
    static String echo(Socket socket, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (payload.length > 125) {
            throw new IllegalArgumentException("short messages only");
        }
        OutputStream out = socket.getOutputStream();
        out.write(maskedFrame(OPCODE_TEXT, payload));
        out.flush();
        InputStream in = socket.getInputStream();
        int first = readByte(in);
        int second = readByte(in);
        int opcode = first & 0x0F;
        if ((second & 0x80) != 0) {
            throw new IOException("a server frame must not be masked");
        }
        int length = second & 0x7F;
        if (length == 126) {
            length = (readByte(in) << 8) | readByte(in);
        } else if (length == 127) {
            throw new IOException("unexpectedly long frame");
        }
        byte[] data = in.readNBytes(length);
        if (opcode != OPCODE_TEXT) {
            throw new IOException("expected a text frame, got opcode " + opcode);
        }
        return new String(data, StandardCharsets.UTF_8);
    }

    /** Says goodbye properly, so the server logs no abrupt disconnect. */
    static void close(Socket socket) throws IOException {
        try (socket) {
            socket.getOutputStream().write(maskedFrame(OPCODE_CLOSE, new byte[] {0x03, (byte) 0xE8}));
            socket.getOutputStream().flush();
        }
    }

    private static byte[] maskedFrame(int opcode, byte[] payload) {
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed inside a frame");
        }
        return b;
    }
}
