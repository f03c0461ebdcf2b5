package dev.wsguard.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLSocket;

/**
 * WebSocket over HTTP/2 (RFC 8441), tried once when the HTTP/1.1 handshake to a TLS URL got no 101: one connection
 * whose TLS offers ALPN {@code h2} alone; if the server picks h2, its SETTINGS say whether it takes extended CONNECT
 * ({@code SETTINGS_ENABLE_CONNECT_PROTOCOL} = 1); if so, one extended CONNECT to the same path, and the {@code :status}
 * of its answer. Bounded: at most {@value #MAX_FRAMES} frames read, none over {@value #MAX_FRAME} bytes, all under the
 * run's deadline; GOAWAY and close after. Never throws: whatever goes wrong is the result's note.
 */
final class H2Check {

    static final int MAX_FRAMES = 10;
    /** SETTINGS_MAX_FRAME_SIZE's initial value: the probe never raises it, so no frame may be larger. */
    static final int MAX_FRAME = 16_384;
    static final int SETTINGS_ENABLE_CONNECT_PROTOCOL = 0x8;

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final int DATA = 0x0;
    private static final int HEADERS = 0x1;
    private static final int RST_STREAM = 0x3;
    private static final int SETTINGS = 0x4;
    private static final int GOAWAY = 0x7;
    private static final int CONTINUATION = 0x9;
    private static final int END_STREAM = 0x1;
    private static final int ACK = 0x1;
    private static final int END_HEADERS = 0x4;
    private static final int PADDED = 0x8;
    private static final int PRIORITY = 0x20;
    private static final int STREAM = 1;

    /** Request headers that are HTTP/1.1 connection matters, which HTTP/2 forbids or has its own form of. */
    private static final List<String> NOT_IN_H2 = List.of("host", "connection", "upgrade", "keep-alive",
            "proxy-connection", "transfer-encoding", "te", "sec-websocket-key", "sec-websocket-version", "origin");

    /**
     * What the check found. {@code alpn}: the protocol the server chose (null: none); {@code connectProtocol}: whether
     * its SETTINGS enable extended CONNECT (null: no SETTINGS read); {@code status}: the extended CONNECT's
     * {@code :status}; {@code accepted}: a 200 on a stream left open without content (a WebSocket over h2);
     * {@code note}: the outcome in words, raw (Report sanitizes it).
     */
    record Result(String alpn, Boolean connectProtocol, Integer status, boolean accepted, String note) {
    }

    /** One frame: its type, flags, stream and payload. */
    private record Frame(int type, int flags, int stream, byte[] payload) {
    }

    private H2Check() {
    }

    static Result run(Connector connector, Target target, String origin, List<String[]> custom, Deadline deadline) {
        Socket socket;
        try {
            socket = connector.open(target, deadline, "h2");
        } catch (ProbeException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("no_application_protocol") || message.contains("application protocol")) {
                return new Result(null, null, null, false, ProbeText.of("h2.notOffered"));
            }
            return new Result(null, null, null, false, ProbeText.of("h2.noConnection") + ": " + message);
        }
        String alpn = socket instanceof SSLSocket ? ((SSLSocket) socket).getApplicationProtocol() : null;
        if (alpn == null || !alpn.equals("h2")) {
            close(socket);
            return new Result(alpn == null || alpn.isEmpty() ? null : alpn, null, null, false,
                    ProbeText.of("h2.notOffered"));
        }
        Wire wire;
        try {
            wire = new Wire(socket, deadline);
        } catch (IOException e) {
            close(socket);
            return new Result(alpn, null, null, false, ProbeText.of("h2.broke") + ": " + e.getMessage());
        }
        Boolean connectProtocol = null;
        int[] frames = {0};
        try {
            ByteArrayOutputStream start = new ByteArrayOutputStream();
            start.write(PREFACE, 0, PREFACE.length);
            frame(start, SETTINGS, 0, 0, new byte[0]);
            wire.write(start.toByteArray());
            Frame settings = next(wire, frames);
            if (settings.type() != SETTINGS || (settings.flags() & ACK) != 0 || settings.stream() != 0
                    || settings.payload().length % 6 != 0) {
                throw new H2Exception("the server's first frame is no SETTINGS frame");
            }
            connectProtocol = enablesConnect(settings.payload());
            ByteArrayOutputStream ack = new ByteArrayOutputStream();
            frame(ack, SETTINGS, ACK, 0, new byte[0]);
            if (!connectProtocol) {
                return new Result(alpn, false, null, false, ProbeText.of("h2.noConnect"));
            }
            frame(ack, HEADERS, END_HEADERS, STREAM, request(target, origin, custom));
            wire.write(ack.toByteArray());
            return answer(wire, frames, alpn);
        } catch (H2Exception e) {
            return new Result(alpn, connectProtocol, null, false, ProbeText.of("h2.garbled") + ": " + e.getMessage());
        } catch (IOException e) {
            return new Result(alpn, connectProtocol, null, false, ProbeText.of("h2.broke") + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // A bug here must not cost the run its report: the h2 check is an extra.
            return new Result(alpn, connectProtocol, null, false, ProbeText.of("h2.garbled") + ": " + e);
        } finally {
            goAway(wire);
            wire.close();
        }
    }

    /** Reads frames until the answer on the probe's stream: its HEADERS, a reset, or the server's GOAWAY. */
    private static Result answer(Wire wire, int[] frames, String alpn) throws IOException, H2Exception {
        while (true) {
            Frame f = next(wire, frames);
            if (f.type() == GOAWAY) {
                long error = f.payload().length >= 8 ? u32(f.payload(), 4) : -1;
                return new Result(alpn, true, null, false, ProbeText.fill("h2.goaway", "error", String.valueOf(error)));
            }
            if (f.stream() != STREAM) {
                continue;
            }
            if (f.type() == RST_STREAM) {
                long error = f.payload().length >= 4 ? u32(f.payload(), 0) : -1;
                return new Result(alpn, true, null, false, ProbeText.fill("h2.reset", "error", String.valueOf(error)));
            }
            if (f.type() == DATA) {
                throw new H2Exception("DATA before HEADERS on the stream");
            }
            if (f.type() != HEADERS) {
                continue;
            }
            boolean endStream = (f.flags() & END_STREAM) != 0;
            ByteArrayOutputStream block = new ByteArrayOutputStream();
            fragment(f, block);
            Frame last = f;
            while ((last.flags() & END_HEADERS) == 0) {
                last = next(wire, frames);
                if (last.type() != CONTINUATION || last.stream() != STREAM) {
                    throw new H2Exception("a header block broken off by another frame");
                }
                block.write(last.payload(), 0, last.payload().length);
                if (block.size() > MAX_FRAME) {
                    throw new H2Exception("a header block over " + MAX_FRAME + " bytes");
                }
            }
            byte[] bytes = block.toByteArray();
            List<String[]> fields = Hpack.decode(bytes, 0, bytes.length);
            Integer status = null;
            boolean content = false;
            for (String[] field : fields) {
                if (field[0].equals(":status") && status == null) {
                    try {
                        status = Integer.valueOf(field[1].trim());
                    } catch (NumberFormatException e) {
                        throw new H2Exception("a :status that is no number");
                    }
                } else if (field[0].equals("content-type")) {
                    content = true;
                }
            }
            if (status == null) {
                throw new H2Exception("an answer without :status");
            }
            boolean accepted = status == 200 && !endStream && !content;
            String note;
            if (accepted) {
                note = ProbeText.fill("h2.accepted", "status", String.valueOf(status));
            } else if (status >= 200 && status < 300) {
                note = ProbeText.fill("h2.ordinary", "status", String.valueOf(status));
            } else {
                note = ProbeText.fill("h2.refused", "status", String.valueOf(status));
            }
            return new Result(alpn, true, status, accepted, note);
        }
    }

    /** A HEADERS frame's header block fragment: without its padding and priority fields. */
    private static void fragment(Frame f, ByteArrayOutputStream block) throws H2Exception {
        byte[] p = f.payload();
        int start = 0;
        int end = p.length;
        if ((f.flags() & PADDED) != 0) {
            if (p.length < 1) {
                throw new H2Exception("a padded HEADERS frame without its pad length");
            }
            start = 1;
            end -= p[0] & 0xff;
        }
        if ((f.flags() & PRIORITY) != 0) {
            start += 5;
        }
        if (end < start) {
            throw new H2Exception("a HEADERS frame shorter than its padding");
        }
        block.write(p, start, end - start);
    }

    /** The extended CONNECT's header block (RFC 8441 section 4), every field a plain literal. */
    static byte[] request(Target target, String origin, List<String[]> custom) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        Hpack.literal(out, ":method", "CONNECT");
        Hpack.literal(out, ":protocol", "websocket");
        Hpack.literal(out, ":scheme", "https");
        Hpack.literal(out, ":path", target.requestTarget());
        Hpack.literal(out, ":authority", target.hostHeader());
        Hpack.literal(out, "sec-websocket-version", "13");
        Hpack.literal(out, "origin", origin != null ? origin : target.sameOrigin());
        for (String[] h : custom) {
            String name = h[0].toLowerCase(Locale.ROOT);
            if (!NOT_IN_H2.contains(name)) {
                Hpack.literal(out, name, h[1]);
            }
        }
        return out.toByteArray();
    }

    private static boolean enablesConnect(byte[] payload) {
        boolean enabled = false;
        for (int i = 0; i + 6 <= payload.length; i += 6) {
            int id = ((payload[i] & 0xff) << 8) | (payload[i + 1] & 0xff);
            if (id == SETTINGS_ENABLE_CONNECT_PROTOCOL) {
                enabled = u32(payload, i + 2) == 1;
            }
        }
        return enabled;
    }

    /** The next frame, bounded in count and size; the stream's end is an error here. */
    private static Frame next(Wire wire, int[] frames) throws IOException, H2Exception {
        if (frames[0]++ >= MAX_FRAMES) {
            throw new H2Exception("no answer within " + MAX_FRAMES + " frames");
        }
        byte[] head = new byte[9];
        if (!wire.readFully(head, 0, 9)) {
            throw new IOException("the server closed the connection");
        }
        int length = ((head[0] & 0xff) << 16) | ((head[1] & 0xff) << 8) | (head[2] & 0xff);
        if (length > MAX_FRAME) {
            throw new H2Exception("a frame of " + length + " bytes, over " + MAX_FRAME);
        }
        byte[] payload = new byte[length];
        if (!wire.readFully(payload, 0, length)) {
            throw new IOException("the server closed the connection in a frame");
        }
        int stream = (int) (u32(head, 5) & 0x7fffffffL);
        return new Frame(head[3] & 0xff, head[4] & 0xff, stream, payload);
    }

    static void frame(ByteArrayOutputStream out, int type, int flags, int stream, byte[] payload) {
        out.write(payload.length >>> 16);
        out.write(payload.length >>> 8);
        out.write(payload.length);
        out.write(type);
        out.write(flags);
        out.write(stream >>> 24);
        out.write(stream >>> 16);
        out.write(stream >>> 8);
        out.write(stream);
        out.write(payload, 0, payload.length);
    }

    private static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    /** GOAWAY (no error, last stream 0): the polite end; a failure to send it changes nothing. */
    private static void goAway(Wire wire) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(17);
        frame(out, GOAWAY, 0, 0, new byte[8]);
        try {
            wire.write(out.toByteArray());
        } catch (IOException e) {
            // Closing anyway.
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing to report.
        }
    }
}
