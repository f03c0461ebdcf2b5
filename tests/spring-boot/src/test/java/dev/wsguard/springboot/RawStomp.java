package dev.wsguard.springboot;

import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.http.WebSocketFrames;
import java.io.IOException;

/**
 * STOMP 1.2 frames over a WebSocket the kit's raw client upgraded: enough to prove that a STOMP endpoint took the
 * handshake and speaks STOMP. Each STOMP frame is one WebSocket text frame, ended by NUL. Reads are bounded by the raw
 * client's socket timeout.
 */
final class RawStomp {

    private RawStomp() {
    }

    /** Sends a frame: the command, its headers as name, value, name, value..., an empty line, the body and NUL. */
    static void send(RawResponse upgraded, String command, String body, String... headers) throws IOException {
        StringBuilder frame = new StringBuilder(command).append('\n');
        for (int i = 0; i + 1 < headers.length; i += 2) {
            frame.append(headers[i]).append(':').append(headers[i + 1]).append('\n');
        }
        frame.append('\n').append(body).append('\0');
        WebSocketFrames.sendText(upgraded.upgradedOutput(), frame.toString());
    }

    /** The next STOMP frame, without its NUL; heart-beats (a lone end of line) are skipped. */
    static String read(RawResponse upgraded) throws IOException {
        while (true) {
            String text = WebSocketFrames.read(upgraded.upgradedInput()).text();
            if (!text.isBlank()) {
                return text.endsWith("\0") ? text.substring(0, text.length() - 1) : text;
            }
        }
    }

    /** CONNECT without heart-beats; returns the server's answer (CONNECTED, or ERROR). */
    static String connect(RawResponse upgraded) throws IOException {
        send(upgraded, "CONNECT", "", "accept-version", "1.2", "host", "127.0.0.1", "heart-beat", "0,0");
        return read(upgraded);
    }
}
