package dev.wsguard.sample;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code POST <context>/api/probe?scenario=wrong-version|stripped-headers}: the handshakes a browser
 * cannot send. Its WebSocket API always speaks version 13 and always sends {@code Upgrade} and
 * {@code Connection}; an outdated client or a proxy that drops hop-by-hop headers does not. This
 * servlet sends that exact request to its own context over a raw socket on 127.0.0.1, and answers
 * with the request it sent and the status line it got; wsguard logs its diagnosis as for any client.
 *
 * <p>It talks only to this server, with two fixed requests: nothing from the caller reaches the
 * socket but the choice of scenario. POST, so that no crawler or prefetch triggers it.
 */
public class HandshakeProbeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The key from RFC 6455 section 1.3; any valid base64 16-byte nonce would do. */
    static final String SAMPLE_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final int TIMEOUT_MILLIS = 3000;
    /** Only the status line and headers are read; an answer head larger than this is not ours. */
    private static final int MAX_HEAD_BYTES = 16 * 1024;
    /** "\r\n\r\n" as the last four bytes read, which ends the header block. */
    private static final int CRLF_CRLF = 0x0d0a0d0a;

    /** The two requests, each to a real endpoint of this sample, so only the headers are wrong. */
    enum Scenario {
        /** An outdated client: hybi drafts used versions 7 and 8 before RFC 6455 fixed 13. WSG05. */
        WRONG_VERSION("wrong-version", "/chat/lobby",
                "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + SAMPLE_KEY + "\r\n"
                + "Sec-WebSocket-Version: 8\r\n"),
        /**
         * What nginx sends upstream without {@code proxy_set_header Upgrade/Connection}: the client's
         * Sec-WebSocket-* headers, no Upgrade, and its own {@code Connection: close}. WSG03.
         */
        STRIPPED_HEADERS("stripped-headers", "/echo",
                "Sec-WebSocket-Key: " + SAMPLE_KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                // Most proxy configurations add this one; wsguard quotes it as evidence of a proxy.
                + "X-Forwarded-For: 127.0.0.1\r\n"
                + "Connection: close\r\n");

        final String id;
        final String path;
        final String headers;

        Scenario(String id, String path, String headers) {
            this.id = id;
            this.path = path;
            this.headers = headers;
        }

        static Scenario of(String id) {
            for (Scenario s : values()) {
                if (s.id.equals(id)) {
                    return s;
                }
            }
            return null;
        }

        String request(String contextPath, int port) {
            return "GET " + contextPath + path + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + headers
                    + "\r\n";
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Scenario scenario = Scenario.of(request.getParameter("scenario"));
        if (scenario == null) {
            DiagnosesServlet.write(response, HttpServletResponse.SC_BAD_REQUEST, error(
                    "scenario must be " + Scenario.WRONG_VERSION.id + " or " + Scenario.STRIPPED_HEADERS.id));
            return;
        }
        if (request.isSecure()) {
            DiagnosesServlet.write(response, HttpServletResponse.SC_CONFLICT, error(
                    "the probe speaks plain HTTP to this server's port, and this request came over TLS"));
            return;
        }
        int port = request.getLocalPort();
        String raw = scenario.request(request.getContextPath(), port);
        String statusLine;
        try {
            statusLine = exchange(port, raw);
        } catch (IOException e) {
            DiagnosesServlet.write(response, HttpServletResponse.SC_BAD_GATEWAY, error(
                    "could not reach this server on 127.0.0.1:" + port + ": " + e));
            return;
        }
        StringBuilder json = new StringBuilder(512).append('{');
        Json.field(json, "scenario", scenario.id).append(',');
        Json.field(json, "path", request.getContextPath() + scenario.path).append(',');
        Json.field(json, "request", raw).append(',');
        Json.field(json, "statusLine", statusLine).append(',');
        Json.field(json, "status", statusOf(statusLine)).append('}');
        DiagnosesServlet.write(response, HttpServletResponse.SC_OK, json);
    }

    private static StringBuilder error(String message) {
        return Json.field(new StringBuilder("{"), "error", message).append('}');
    }

    /** Sends the request and returns the answer's status line; reads no further than the header block. */
    static String exchange(int port, String raw) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port),
                    TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int lastFour = 0;
            int b;
            // Byte by byte up to the blank line: the connection may stay open after the head (keep-alive).
            while (head.size() < MAX_HEAD_BYTES && (b = in.read()) != -1) {
                head.write(b);
                lastFour = (lastFour << 8) | b;
                if (lastFour == CRLF_CRLF) {
                    break;
                }
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n");
            if (text.isEmpty()) {
                throw new IOException("the server closed the connection without an answer");
            }
            return end < 0 ? text : text.substring(0, end);
        }
    }

    /** 200 from "HTTP/1.1 200 OK", or 0 when the line is no HTTP status line. */
    static int statusOf(String statusLine) {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length >= 2 && parts[0].toUpperCase(Locale.ROOT).startsWith("HTTP/") && parts[1].matches("\\d{3}")) {
            return Integer.parseInt(parts[1]);
        }
        return 0;
    }
}
