package dev.wsguard.probe;

import dev.wsguard.handshake.HandshakeClassifier;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;

/** What follows a 101: the accept check, a ping and its pong, and an optional text frame and its answer. */
final class Session {

    static final byte[] PING_PAYLOAD = "wsguard-probe".getBytes(StandardCharsets.US_ASCII);
    /** Frames read while waiting for one answer: a server's greeting or its own pings may come first, not forever. */
    static final int MAX_FRAMES = 16;

    private Session() {
    }

    /** Null when the 101 is right; else the failure, with the fix that names the fault. */
    static ProbeException checkSwitch(ResponseHead head, String key) {
        String upgrade = head.first(HandshakeClassifier.UPGRADE);
        String connection = head.first(HandshakeClassifier.CONNECTION);
        if (upgrade == null || !upgrade.toLowerCase(Locale.ROOT).contains(HandshakeClassifier.WEBSOCKET)
                || connection == null || !connection.toLowerCase(Locale.ROOT).contains("upgrade")) {
            return ProbeException.protocol("fix.protocol.upgrade", "the 101 says Upgrade: " + upgrade
                    + ", Connection: " + connection);
        }
        String accept = head.first("Sec-WebSocket-Accept");
        String expected = Accept.of(key);
        if (accept == null) {
            return ProbeException.protocol("fix.protocol.accept", "the 101 has no Sec-WebSocket-Accept");
        }
        if (!expected.equals(accept.trim())) {
            return ProbeException.protocol("fix.protocol.accept",
                    "Sec-WebSocket-Accept is " + accept + ", RFC 6455 wants " + expected);
        }
        return null;
    }

    /** Sends a ping and waits for its pong; the milliseconds it took. */
    static long ping(Wire wire, SecureRandom random) throws ProbeException {
        long start = System.nanoTime();
        try {
            wire.write(Frames.encode(Frames.PING, PING_PAYLOAD, random));
            for (int i = 0; i < MAX_FRAMES; i++) {
                Frames.Frame frame = Frames.read(wire);
                if (frame.opcode() == Frames.PONG && Arrays.equals(frame.payload(), PING_PAYLOAD)) {
                    return (System.nanoTime() - start) / 1_000_000L;
                }
                if (frame.opcode() == Frames.CLOSE) {
                    throw ProbeException.protocol("fix.protocol.closed",
                            "the server closed the connection instead of answering the ping" + closeReason(frame));
                }
            }
            throw ProbeException.protocol("fix.protocol.nopong", MAX_FRAMES + " frames came, none of them the pong");
        } catch (SocketTimeoutException e) {
            throw ProbeException.protocol("fix.protocol.nopong",
                    "no pong within " + wire.deadline().budgetMillis() + " ms");
        } catch (IOException e) {
            throw ProbeException.protocol("fix.protocol.closed", "the connection broke after the 101: " + e.getMessage());
        }
    }

    /** Sends one text frame; the first text message that comes back (raw), or null if none came in time. */
    static String exchangeText(Wire wire, String text, SecureRandom random) throws ProbeException {
        try {
            wire.write(Frames.encode(Frames.TEXT, text.getBytes(StandardCharsets.UTF_8), random));
            byte[] message = null;
            for (int i = 0; i < MAX_FRAMES; i++) {
                Frames.Frame frame = Frames.read(wire);
                if (frame.opcode() == Frames.CLOSE) {
                    throw ProbeException.protocol("fix.protocol.closed",
                            "the server closed the connection instead of answering the text" + closeReason(frame));
                }
                if (frame.opcode() == Frames.TEXT && message == null) {
                    message = frame.payload();
                } else if (frame.opcode() == Frames.CONTINUATION && message != null) {
                    message = concat(message, frame.payload());
                } else {
                    continue;
                }
                if (frame.fin()) {
                    return new String(message, StandardCharsets.UTF_8);
                }
            }
            return message == null ? null : new String(message, StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            throw ProbeException.protocol("fix.protocol.closed", "the connection broke after the text: " + e.getMessage());
        }
    }

    /** A polite close (1000); the answer is not awaited: the run is over. */
    static void close(Wire wire, SecureRandom random) {
        try {
            wire.write(Frames.encode(Frames.CLOSE, new byte[] {0x03, (byte) 0xe8}, random));
        } catch (IOException e) {
            // The server may have gone already; the verdict stands.
        }
        wire.close();
    }

    private static byte[] concat(byte[] a, byte[] b) throws ProbeException {
        if (a.length + b.length > Frames.MAX_PAYLOAD) {
            throw ProbeException.protocol("fix.protocol.garbage", "a message longer than " + Frames.MAX_PAYLOAD
                    + " bytes");
        }
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static String closeReason(Frames.Frame close) {
        byte[] p = close.payload();
        if (p.length < 2) {
            return "";
        }
        int code = ((p[0] & 0xff) << 8) | (p[1] & 0xff);
        String reason = new String(p, 2, p.length - 2, StandardCharsets.UTF_8);
        return " (close " + code + (reason.isEmpty() ? "" : " " + reason) + ")";
    }
}
