package dev.wsguard.distribution;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket: the scenarios need requests no library client sends (a key without
 * {@code Upgrade}, a wrong version) and the socket of a 101 to exchange frames on. Every read is
 * bounded by a socket timeout and by size limits.
 */
final class RawHttp {

    static final int TIMEOUT_MS = 5_000;
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    /** RFC 6455's accept value for {@link #KEY}. */
    static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private RawHttp() {
    }

    /** A valid RFC 6455 handshake (SCENARIOS.md's "valid upgrade"). */
    static String validUpgrade(String path) {
        return "GET " + path + " HTTP/1.1\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n";
    }

    /** S7: what a proxy that drops hop-by-hop headers forwards: key and version 13, no Upgrade, no Connection. */
    static String strippedUpgrade(String path) {
        return "GET " + path + " HTTP/1.1\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n";
    }

    /** S8: a complete handshake with another version, or none when {@code version} is null. */
    static String upgradeWithVersion(String path, String version) {
        return "GET " + path + " HTTP/1.1\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\n"
                + (version == null ? "" : "Sec-WebSocket-Version: " + version + "\r\n");
    }

    /** Sends the request head (without Host and the final empty line, which this adds) and reads one answer. */
    static Response exchange(int port, String head) throws IOException {
        Socket socket = connect(port);
        try {
            Response response = send(socket, port, head);
            if (response.status() != 101) {
                socket.close();
            }
            return response;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
        socket.setSoTimeout(TIMEOUT_MS);
        return socket;
    }

    private static Response send(Socket socket, int port, String head) throws IOException {
        String request = head.replaceFirst("\r\n", "\r\nHost: 127.0.0.1:" + port + "\r\n") + "\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = socket.getInputStream();
        List<String> lines = readHead(in);
        String statusLine = lines.get(0);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        List<String[]> headers = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
            }
        }
        if (status == 101) {
            return new Response(status, statusLine, headers, new byte[0], socket);
        }
        Response withoutBody = new Response(status, statusLine, headers, new byte[0], null);
        return new Response(status, statusLine, headers, readBody(in, withoutBody), null);
    }

    private static List<String> readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed inside the response head: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            if (head.size() > MAX_HEAD_BYTES) {
                throw new IOException("response head over " + MAX_HEAD_BYTES + " bytes");
            }
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return List.of(text.substring(0, text.length() - 4).split("\r\n"));
    }

    private static byte[] readBody(InputStream in, Response head) throws IOException {
        String length = head.header("Content-Length");
        if (length != null) {
            int n = Integer.parseInt(length);
            if (n > MAX_BODY_BYTES) {
                throw new IOException("body of " + n + " bytes");
            }
            return in.readNBytes(n);
        }
        String encoding = head.header("Transfer-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return readChunked(in);
        }
        return in.readNBytes(MAX_BODY_BYTES);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailers, if any
                }
                return body.toByteArray();
            }
            if (body.size() + size > MAX_BODY_BYTES) {
                throw new IOException("chunked body over " + MAX_BODY_BYTES + " bytes");
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed inside a chunked body");
            }
            if (b != '\r') {
                line.append((char) b);
            }
            if (line.length() > 1024) {
                throw new IOException("chunk line too long");
            }
        }
        return line.toString();
    }

    /** One answer. After a 101, {@code socket} is the open connection and the caller closes it. */
    record Response(int status, String statusLine, List<String[]> headers, byte[] body, Socket socket) {

        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(statusLine);
            for (String[] h : headers) {
                s.append(" | ").append(h[0]).append(": ").append(h[1]);
            }
            return s.toString();
        }
    }
}
