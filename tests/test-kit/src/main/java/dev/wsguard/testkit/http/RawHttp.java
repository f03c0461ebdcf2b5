package dev.wsguard.testkit.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A deliberately dumb HTTP/1.x client: writes exact bytes, reads one response. No library client can
 * send a request without {@code Upgrade} but with a key, or two keys, or keep the 101 socket; this one
 * does exactly what a row says. Every read is bounded by {@link #READ_TIMEOUT_MS} per read and by
 * {@link #DEADLINE_MS} and size limits overall.
 */
public final class RawHttp {

    public static final int CONNECT_TIMEOUT_MS = 5_000;
    public static final int READ_TIMEOUT_MS = 5_000;
    public static final long DEADLINE_MS = 10_000;
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int MAX_HEADERS = 200;
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final int MAX_CHUNKS = 10_000;

    private static final InetAddress LOOPBACK;

    static {
        try {
            LOOPBACK = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private RawHttp() {
    }

    /**
     * Sends the request to 127.0.0.1:port on a new connection and reads one response. The connection is
     * closed afterwards, unless the answer is 101: then the caller owns it through the response.
     */
    public static RawResponse exchange(int port, RawRequest request) throws IOException {
        return exchange(port, request.toBytes("127.0.0.1:" + port));
    }

    public static RawResponse exchange(int port, byte[] requestBytes) throws IOException {
        return exchange(port, requestBytes, false);
    }

    /**
     * As {@link #exchange(int, RawRequest)}; with {@code resetOnClose} the connection is reset when closed
     * (SO_LINGER 0) instead of closed gracefully, so a load of a hundred thousand connections leaves no TIME_WAIT
     * behind to run the machine out of ports.
     */
    public static RawResponse exchange(int port, RawRequest request, boolean resetOnClose) throws IOException {
        return exchange(port, request.toBytes("127.0.0.1:" + port), resetOnClose);
    }

    private static RawResponse exchange(int port, byte[] requestBytes, boolean resetOnClose) throws IOException {
        Socket socket = new Socket();
        if (resetOnClose) {
            socket.setSoLinger(true, 0);
        }
        boolean keepOpen = false;
        try {
            // 127.0.0.1 literally: the servers bind IPv4 loopback only, whatever the JVM prefers for "localhost".
            socket.connect(new InetSocketAddress(LOOPBACK, port), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(requestBytes);
            out.flush();
            Deadline deadline = new Deadline(DEADLINE_MS);
            // Read the head byte by byte through a buffer, so nothing past it is consumed from the stream.
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Head head = readHead(in, deadline);
            if (head.status == 101) {
                keepOpen = true;
                return new RawResponse(head.statusLine, head.version, head.status, head.reason, head.headers,
                        new byte[0], new RawResponse.Connection(socket, in));
            }
            byte[] body = readBody(in, head, requestIsHead(requestBytes), deadline);
            return new RawResponse(head.statusLine, head.version, head.status, head.reason, head.headers, body, null);
        } finally {
            if (!keepOpen) {
                socket.close();
            }
        }
    }

    /**
     * Everything that arrived on one connection, and how the wait ended.
     *
     * @param text the bytes received, as ISO-8859-1 text
     * @param closedByServer whether the server closed the connection (else nothing more came for the quiet period)
     */
    public record Capture(String text, boolean closedByServer) {
    }

    /**
     * Sends the request and reads whatever arrives, without trusting its framing, until the server closes the
     * connection or nothing more comes for {@code quietMillis}; bounded by size and {@link #DEADLINE_MS}. For
     * answers a framing-aware client might wait on forever.
     */
    public static Capture capture(int port, RawRequest request, int quietMillis) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(quietMillis);
            OutputStream out = socket.getOutputStream();
            out.write(request.toBytes("127.0.0.1:" + port));
            out.flush();
            Deadline deadline = new Deadline(DEADLINE_MS);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            InputStream in = socket.getInputStream();
            while (received.size() < MAX_HEAD_BYTES) {
                deadline.check("captured answer");
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException quiet) {
                    return new Capture(received.toString(StandardCharsets.ISO_8859_1), false);
                }
                if (n < 0) {
                    return new Capture(received.toString(StandardCharsets.ISO_8859_1), true);
                }
                received.write(buffer, 0, n);
            }
            throw new IOException("more than " + MAX_HEAD_BYTES + " bytes captured");
        }
    }

    private static boolean requestIsHead(byte[] requestBytes) {
        return requestBytes.length >= 5
                && new String(requestBytes, 0, 5, StandardCharsets.ISO_8859_1).equals("HEAD ");
    }

    private record Head(String statusLine, String version, int status, String reason, List<Header> headers) {
    }

    private static Head readHead(InputStream in, Deadline deadline) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        while (true) {
            deadline.check("response head");
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed after " + total + " bytes of response head: " + lines);
            }
            if (++total > MAX_HEAD_BYTES) {
                throw new IOException("response head longer than " + MAX_HEAD_BYTES + " bytes");
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                line.reset();
                if (text.isEmpty()) {
                    if (lines.isEmpty()) {
                        continue; // Tolerate a stray empty line before the status line.
                    }
                    break;
                }
                lines.add(text);
                if (lines.size() > MAX_HEADERS) {
                    throw new IOException("more than " + MAX_HEADERS + " header lines");
                }
            } else {
                line.write(b);
            }
        }
        String statusLine = lines.get(0);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad status code in: " + statusLine, e);
        }
        String reason = parts.length > 2 ? parts[2] : "";
        List<Header> headers = new ArrayList<>();
        for (String h : lines.subList(1, lines.size())) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line: " + h);
            }
            headers.add(new Header(h.substring(0, colon), h.substring(colon + 1).strip()));
        }
        return new Head(statusLine, parts[0], status, reason, headers);
    }

    private static byte[] readBody(InputStream in, Head head, boolean headRequest, Deadline deadline)
            throws IOException {
        if (headRequest || head.status / 100 == 1 || head.status == 204 || head.status == 304) {
            return new byte[0];
        }
        String transferEncoding = lastValue(head.headers, "Transfer-Encoding");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return readChunked(in, deadline);
        }
        String contentLength = lastValue(head.headers, "Content-Length");
        if (contentLength != null) {
            long length = Long.parseLong(contentLength.trim());
            if (length > MAX_BODY_BYTES) {
                throw new IOException("Content-Length " + length + " over the client's limit");
            }
            return readExactly(in, (int) length, deadline);
        }
        return readUntilClose(in, deadline);
    }

    private static String lastValue(List<Header> headers, String name) {
        String value = null;
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                value = h.value();
            }
        }
        return value;
    }

    private static byte[] readExactly(InputStream in, int length, Deadline deadline) throws IOException {
        byte[] data = new byte[length];
        int read = 0;
        while (read < length) {
            deadline.check("response body");
            int n = in.read(data, read, length - read);
            if (n < 0) {
                throw new EOFException("body ended after " + read + " of " + length + " bytes");
            }
            read += n;
        }
        return data;
    }

    private static byte[] readChunked(InputStream in, Deadline deadline) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int chunk = 0; chunk < MAX_CHUNKS; chunk++) {
            String sizeLine = readLine(in, deadline);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
            int size = Integer.parseInt(hex, 16);
            if (size == 0) {
                // Trailer section, ended by an empty line.
                for (int i = 0; i < MAX_HEADERS; i++) {
                    if (readLine(in, deadline).isEmpty()) {
                        return body.toByteArray();
                    }
                }
                throw new IOException("too many trailer lines");
            }
            if (body.size() + size > MAX_BODY_BYTES) {
                throw new IOException("chunked body over the client's limit");
            }
            body.writeBytes(readExactly(in, size, deadline));
            if (!readLine(in, deadline).isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
        throw new IOException("more than " + MAX_CHUNKS + " chunks");
    }

    private static String readLine(InputStream in, Deadline deadline) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int i = 0; i < MAX_HEAD_BYTES; i++) {
            deadline.check("chunk framing");
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed inside chunked body");
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        throw new IOException("chunk framing line too long");
    }

    private static byte[] readUntilClose(InputStream in, Deadline deadline) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            deadline.check("body delimited by close");
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException("no Content-Length, not chunked, and the server did not close"
                        + " the connection within " + READ_TIMEOUT_MS + " ms (" + body.size() + " body bytes so far)");
            }
            if (n < 0) {
                return body.toByteArray();
            }
            if (body.size() + n > MAX_BODY_BYTES) {
                throw new IOException("body over the client's limit");
            }
            body.write(buffer, 0, n);
        }
    }

    /** An overall time limit on top of the per-read socket timeout. */
    static final class Deadline {
        private final long endNanos;
        private final long millis;

        Deadline(long millis) {
            this.millis = millis;
            this.endNanos = System.nanoTime() + millis * 1_000_000L;
        }

        void check(String what) throws SocketTimeoutException {
            if (System.nanoTime() - endNanos > 0) {
                throw new SocketTimeoutException(what + " not complete within " + millis + " ms");
            }
        }
    }
}
