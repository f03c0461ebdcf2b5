package dev.wsguard.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw HTTP server on 127.0.0.1, port 0, answering each connection by a script: the well-behaved and the hostile
 * servers the probe must judge. Bounded: every connection and the server itself end after {@link #LIFETIME_MILLIS},
 * threads are daemons, at most {@link #MAX_CONNECTIONS} connections are served.
 */
final class ScriptedServer implements AutoCloseable {

    static final long LIFETIME_MILLIS = 30_000;
    static final int MAX_CONNECTIONS = 32;

    /** The request line's target and the headers (lower-case names) of one handshake. */
    record Request(String target, Map<String, String> headers) {
        String key() {
            return headers.get("sec-websocket-key");
        }
    }

    interface Script {
        void answer(Request request, Socket socket, OutputStream out) throws IOException;
    }

    private final ServerSocket server;
    private final long endNanos;
    private final AtomicInteger connections = new AtomicInteger();

    private ScriptedServer(ServerSocket server) {
        this.server = server;
        this.endNanos = System.nanoTime() + LIFETIME_MILLIS * 1_000_000L;
    }

    static ScriptedServer start(Script script) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        ScriptedServer s = new ScriptedServer(socket);
        Thread acceptor = new Thread(() -> s.acceptLoop(script), "scripted-server-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return s;
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    boolean timeLeft() {
        return System.nanoTime() - endNanos < 0;
    }

    private void acceptLoop(Script script) {
        try {
            server.setSoTimeout((int) LIFETIME_MILLIS);
            while (timeLeft() && connections.get() < MAX_CONNECTIONS) {
                Socket socket = server.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(script, socket), "scripted-connection");
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException e) {
            // Closed, or the lifetime ran out: the server ends.
        } finally {
            close();
        }
    }

    private void serve(Script script, Socket socket) {
        try (socket) {
            socket.setSoTimeout((int) LIFETIME_MILLIS);
            Request request = readRequest(socket.getInputStream());
            if (request != null) {
                script.answer(request, socket, socket.getOutputStream());
                socket.getOutputStream().flush();
            }
        } catch (IOException e) {
            // The probe hung up: what the hostile scripts expect.
        }
    }

    static Request readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (head.size() < 16 * 1024) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            head.write(c);
            matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
            if (matched == 4) {
                break;
            }
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        return new Request(requestLine.length > 1 ? requestLine[1] : "", headers);
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** A correct 101 for the request. */
    static void switchProtocols(Request request, OutputStream out) throws IOException {
        write(out, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + Accept.of(request.key()) + "\r\n\r\n");
    }

    /** An echo endpoint behind a correct 101: pong for ping, the same text back, close for close. */
    static void echo(Request request, Socket socket, OutputStream out) throws IOException {
        switchProtocols(request, out);
        InputStream in = socket.getInputStream();
        for (int frames = 0; frames < 64; frames++) {
            int b0 = in.read();
            int b1 = in.read();
            if (b1 < 0) {
                return;
            }
            int length = b1 & 0x7f;
            if (length == 126) {
                length = (in.read() << 8) | in.read();
            }
            byte[] mask = in.readNBytes(4);
            byte[] payload = in.readNBytes(length);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
            int opcode = b0 & 0x0f;
            int reply = opcode == Frames.PING ? Frames.PONG : opcode;
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x80 | reply);
            if (payload.length < 126) {
                frame.write(payload.length);
            } else {
                frame.write(126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length & 0xff);
            }
            frame.write(payload);
            out.write(frame.toByteArray());
            out.flush();
            if (opcode == Frames.CLOSE) {
                return;
            }
        }
    }

    /** Sleeps while the probe may still be listening, within the server's lifetime. */
    static void stall(Socket socket, long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        try {
            while (System.nanoTime() - end < 0 && !socket.isClosed()) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Closing twice, or closing a dead socket: either way it is closed.
        }
    }
}
