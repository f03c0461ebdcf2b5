package dev.wsguard.testkit.http;

import dev.wsguard.testkit.server.Loopback;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in backend for a proxy under test: on 127.0.0.1 (port 0) it keeps the request head of each connection
 * verbatim, up to the blank line, and answers {@code 200} with no body and {@code Connection: close}. What a proxy
 * forwards can then be compared byte for byte. One connection at a time, on one daemon thread; bounded in
 * connections, head size, read time and lifetime.
 */
public final class CapturingBackend implements AutoCloseable {

    private static final byte[] ANSWER = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    private static final int MAX_CONNECTIONS = 32;
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int READ_TIMEOUT_MS = 5_000;
    /** How often the accepting thread looks whether it should stop. */
    private static final int ACCEPT_POLL_MS = 200;
    private static final Duration LIFETIME = Duration.ofMinutes(2);

    private final ServerSocket server;
    private final BlockingQueue<String> heads = new LinkedBlockingQueue<>();

    private CapturingBackend(ServerSocket server) {
        this.server = server;
    }

    public static CapturingBackend start() throws IOException {
        ServerSocket server = new ServerSocket(0, 8, InetAddress.getByName(Loopback.HOST));
        server.setSoTimeout(ACCEPT_POLL_MS);
        CapturingBackend backend = new CapturingBackend(server);
        Thread thread = new Thread(backend::serve, "capturing-backend-" + server.getLocalPort());
        thread.setDaemon(true);
        thread.start();
        return backend;
    }

    public int port() {
        return server.getLocalPort();
    }

    /**
     * The head of the next connection, as it arrived (ISO-8859-1, CRLFs and the final blank line included); a head
     * cut short says so after it.
     *
     * @throws AssertionError if none arrives in time
     */
    public String awaitHead(Duration timeout) throws InterruptedException {
        String head = heads.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (head == null) {
            throw new AssertionError("no request reached the backend on port " + port() + " within " + timeout);
        }
        return head;
    }

    private void serve() {
        long end = System.nanoTime() + LIFETIME.toNanos();
        int connections = 0;
        while (connections < MAX_CONNECTIONS && System.nanoTime() < end && !server.isClosed()) {
            try (Socket s = server.accept()) {
                connections++;
                s.setSoTimeout(READ_TIMEOUT_MS);
                heads.add(readHead(s.getInputStream()));
                s.getOutputStream().write(ANSWER);
                s.getOutputStream().flush();
            } catch (SocketTimeoutException nobodyYet) {
                // Look again whether to stop.
            } catch (IOException e) {
                // Closed by close(), or a connection that went wrong: either way the next accept tells.
            }
        }
    }

    /** Bytes up to and including the first empty line, or what came before the stream ended or stalled. */
    private static String readHead(InputStream raw) {
        InputStream in = new BufferedInputStream(raw);
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        String cutShort;
        try {
            int last4 = 0;
            while (head.size() < MAX_HEAD_BYTES) {
                int b = in.read();
                if (b < 0) {
                    return head.toString(StandardCharsets.ISO_8859_1) + "(connection closed before the blank line)";
                }
                head.write(b);
                last4 = (last4 << 8) | b;
                if (last4 == 0x0D0A0D0A) {
                    return head.toString(StandardCharsets.ISO_8859_1);
                }
            }
            cutShort = "(head over " + MAX_HEAD_BYTES + " bytes)";
        } catch (IOException e) {
            cutShort = "(" + e + ")";
        }
        return head.toString(StandardCharsets.ISO_8859_1) + cutShort;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
