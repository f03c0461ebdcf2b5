package dev.wsguard.testkit.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A response as it came off the wire: status line, headers in order with their original case and
 * duplicates, and the body with the transfer coding removed. After a 101 the connection stays open
 * for WebSocket frames; {@link #close()} closes it.
 */
public final class RawResponse implements AutoCloseable {

    private final String statusLine;
    private final String version;
    private final int status;
    private final String reason;
    private final List<Header> headers;
    private final byte[] body;
    private final Socket socket;
    private final InputStream in;

    RawResponse(String statusLine, String version, int status, String reason, List<Header> headers, byte[] body,
                Socket socket, InputStream in) {
        this.statusLine = statusLine;
        this.version = version;
        this.status = status;
        this.reason = reason;
        this.headers = List.copyOf(headers);
        this.body = body;
        this.socket = socket;
        this.in = in;
    }

    public String statusLine() {
        return statusLine;
    }

    public String version() {
        return version;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public List<Header> headers() {
        return headers;
    }

    /** Values of every header with this name (any case), in order. */
    public List<String> headers(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value)
                .collect(Collectors.toList());
    }

    /** The first value of this header (any case). */
    public Optional<String> header(String name) {
        return headers(name).stream().findFirst();
    }

    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether the connection was kept open after a 101 for WebSocket traffic. */
    public boolean upgraded() {
        return socket != null && !socket.isClosed();
    }

    /** The stream positioned right after the 101 head; only after an upgrade. */
    public InputStream upgradedInput() {
        requireUpgraded();
        return in;
    }

    public OutputStream upgradedOutput() throws IOException {
        requireUpgraded();
        return socket.getOutputStream();
    }

    private void requireUpgraded() {
        if (socket == null) {
            throw new IllegalStateException("not an upgraded connection: " + statusLine);
        }
    }

    /** Status line and headers, one per line, for failure messages. */
    public String head() {
        StringBuilder sb = new StringBuilder(statusLine);
        headers.forEach(h -> sb.append('\n').append(h));
        return sb.toString();
    }

    @Override
    public String toString() {
        String text = bodyText();
        return head() + "\n\n" + (text.length() > 400 ? text.substring(0, 400) + "..." : text);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Nothing to do: the server sees the connection end either way.
            }
        }
    }
}
