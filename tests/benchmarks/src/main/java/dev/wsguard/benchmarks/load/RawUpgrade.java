package dev.wsguard.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One WebSocket upgrade on a raw socket, byte for byte as a browser sends it. Closing resets the connection
 * (SO_LINGER 0): a benchmark opening a hundred thousand connections leaves no TIME_WAIT behind to run the
 * machine out of ports.
 */
final class RawUpgrade implements AutoCloseable {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final int TIMEOUT_MILLIS = 10_000;
    private static final int HEAD_LIMIT = 16 * 1024;
    /** Client frames must be masked (RFC 6455 5.3); any fixed mask will do. */
    private static final byte[] MASK = {0x1f, 0x2e, 0x3d, 0x4c};

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawUpgrade(int port) throws IOException {
        socket = new Socket();
        socket.setSoLinger(true, 0);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends a valid upgrade request for {@code target} and returns the status code of the answer. */
    int upgrade(String target) throws IOException {
        String request = "GET " + target + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + socket.getPort() + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return readStatus();
    }

    /** Reads the response head up to its empty line; returns the status code. */
    private int readStatus() throws IOException {
        StringBuilder head = new StringBuilder();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the response head: " + head);
            }
            if (head.length() >= HEAD_LIMIT) {
                throw new IOException("response head longer than " + HEAD_LIMIT + " bytes");
            }
            head.append((char) b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : b == '\r' ? 1 : 0;
        }
        String[] statusLine = head.substring(0, head.indexOf("\r\n")).split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP response: " + head);
        }
        return Integer.parseInt(statusLine[1]);
    }

    /** Sends one masked text frame and checks that the endpoint echoes it, unmasked. */
    void echo(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (payload.length > 125) {
            throw new IllegalArgumentException("one short frame only");
        }
        writeFrame(0x81, payload);
        int opcode = in.read();
        int length = in.read();
        if (opcode != 0x81 || length != payload.length) {
            throw new IOException("expected an echo of " + payload.length + " bytes, got frame 0x"
                    + Integer.toHexString(opcode) + " of length " + length);
        }
        byte[] echoed = in.readNBytes(length);
        if (!text.equals(new String(echoed, StandardCharsets.UTF_8))) {
            throw new IOException("echo differs: " + new String(echoed, StandardCharsets.UTF_8));
        }
    }

    /** The closing handshake: a close frame with status 1000, and the server's close frame back. */
    void closeHandshake() throws IOException {
        writeFrame(0x88, new byte[] {0x03, (byte) 0xe8});
        int opcode = in.read();
        int length = in.read();
        if (opcode != 0x88 || length < 0 || length > 125) {
            throw new IOException("expected a close frame, got 0x" + Integer.toHexString(opcode));
        }
        in.readNBytes(length);
    }

    private void writeFrame(int firstByte, byte[] payload) throws IOException {
        byte[] frame = new byte[2 + MASK.length + payload.length];
        frame[0] = (byte) firstByte;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(MASK, 0, frame, 2, MASK.length);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ MASK[i % 4]);
        }
        out.write(frame);
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Reset anyway.
        }
    }
}
