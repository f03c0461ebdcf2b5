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
public record RawResponse(String statusLine, String version, int status, String reason, List<Header> headers,
                          byte[] body, Connection connection) implements AutoCloseable {

    /** The socket of an upgraded connection, and its stream positioned right after the 101 head. */
    public record Connection(Socket socket, InputStream in) {
    }

    /** @param connection the open connection after a 101, else null */
    public RawResponse {
        headers = List.copyOf(headers);
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

    /** A copy: the response stays as it came off the wire. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether the connection was kept open after a 101 for WebSocket traffic. */
    public boolean upgraded() {
        return connection != null && !connection.socket().isClosed();
    }

    /** The stream positioned right after the 101 head; only after an upgrade. */
    public InputStream upgradedInput() {
        requireUpgraded();
        return connection.in();
    }

    public OutputStream upgradedOutput() throws IOException {
        requireUpgraded();
        return connection.socket().getOutputStream();
    }

    private void requireUpgraded() {
        if (connection == null) {
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
        if (connection != null) {
            try {
                connection.socket().close();
            } catch (IOException ignored) {
                // Nothing to do: the server sees the connection end either way.
            }
        }
    }
}
