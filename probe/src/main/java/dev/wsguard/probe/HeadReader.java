package dev.wsguard.probe;

import dev.wsguard.diagnosis.BodySample;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an answer's head and the start of its body with hard bounds: {@value #MAX_HEAD_BYTES} bytes of head,
 * {@value #MAX_HEADERS} headers, {@link BodySample#CAPACITY} bytes of body, each read under the run's deadline. A
 * server that sends more gets a protocol error, not more memory.
 */
final class HeadReader {

    static final int MAX_HEAD_BYTES = 64 * 1024;
    static final int MAX_HEADERS = 100;
    /** Interim answers (100 Continue, 103 Early Hints) skipped before the real one. */
    static final int MAX_INTERIM = 4;
    /** A chunk-size line longer than this is no chunk size. */
    private static final int MAX_CHUNK_LINE = 256;
    /** The longest wait for a body after its head: the head already says who answered; the body only adds colour. */
    static final long BODY_WAIT_MILLIS = 1000;

    private HeadReader() {
    }

    /** The final head (interim 1xx other than 101 skipped). */
    static ResponseHead readHead(Wire wire) throws IOException, ProbeException {
        int budget = MAX_HEAD_BYTES;
        for (int interim = 0; interim <= MAX_INTERIM; interim++) {
            long before = wire.bytesRead();
            ResponseHead head = readOneHead(wire, budget);
            budget -= (int) Math.min(budget, wire.bytesRead() - before);
            if (head.status() >= 200 || head.status() == 101) {
                return head;
            }
        }
        throw ProbeException.protocol("fix.protocol.garbage", "more than " + MAX_INTERIM + " interim 1xx answers");
    }

    private static ResponseHead readOneHead(Wire wire, int budget) throws IOException, ProbeException {
        int[] used = {0};
        String statusLine = line(wire, budget, used);
        if (statusLine == null) {
            throw ProbeException.protocol("fix.protocol.silent", "the server closed the connection without answering");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !isStatus(parts[1])) {
            throw ProbeException.protocol("fix.protocol.garbage",
                    "not an HTTP answer: '" + cut(statusLine) + "'");
        }
        int status = Integer.parseInt(parts[1]);
        String reason = parts.length > 2 ? parts[2].trim() : "";
        List<ResponseHead.Header> headers = new ArrayList<>();
        while (true) {
            String line = line(wire, budget, used);
            if (line == null) {
                throw ProbeException.protocol("fix.protocol.garbage",
                        "the connection closed in the middle of the answer's head");
            }
            if (line.isEmpty()) {
                return new ResponseHead(parts[0], status, reason, headers);
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !headers.isEmpty()) {
                // Obsolete line folding (RFC 9112 section 5.2): the value continues.
                ResponseHead.Header last = headers.remove(headers.size() - 1);
                headers.add(new ResponseHead.Header(last.name(), last.value() + " " + line.trim()));
                continue;
            }
            if (headers.size() >= MAX_HEADERS) {
                throw ProbeException.protocol("fix.protocol.head", "more than " + MAX_HEADERS + " headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw ProbeException.protocol("fix.protocol.garbage",
                        "a header line without a name: '" + cut(line) + "'");
            }
            headers.add(new ResponseHead.Header(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
        }
    }

    /** One line without its CRLF (a bare LF ends one too), or null at the end of the stream before any byte. */
    private static String line(Wire wire, int budget, int[] used) throws IOException, ProbeException {
        StringBuilder b = new StringBuilder(64);
        while (true) {
            if (used[0] >= budget) {
                throw ProbeException.protocol("fix.protocol.head",
                        "the answer's head is longer than " + (MAX_HEAD_BYTES / 1024) + " KiB");
            }
            int c = wire.read();
            if (c < 0) {
                return b.length() == 0 ? null : b.toString();
            }
            used[0]++;
            if (c == '\n') {
                int end = b.length();
                if (end > 0 && b.charAt(end - 1) == '\r') {
                    b.setLength(end - 1);
                }
                return b.toString();
            }
            b.append((char) c);
        }
    }

    /**
     * The start of the body: at most {@link BodySample#CAPACITY} bytes, chunked framing removed, within at most
     * {@link #BODY_WAIT_MILLIS} of the deadline left. A body that stalls or never ends gives what came.
     */
    static BodySample readBodySample(Wire wire, ResponseHead head) throws IOException {
        int status = head.status();
        if (status == 204 || status == 304 || status < 200) {
            return BodySample.empty();
        }
        Deadline whole = wire.deadline();
        wire.deadline(whole.capped(BODY_WAIT_MILLIS));
        byte[] sample = new byte[BodySample.CAPACITY];
        int length = 0;
        try {
            String te = head.first("Transfer-Encoding");
            if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
                length = readChunked(wire, sample);
            } else {
                long declared = contentLength(head.first("Content-Length"));
                int want = (int) Math.min(sample.length, declared < 0 ? sample.length : declared);
                while (length < want) {
                    int n = wire.readSome(sample, length, want - length);
                    if (n < 0) {
                        break;
                    }
                    length += n;
                }
            }
        } catch (SocketTimeoutException stalled) {
            // The head arrived; a body that stalls adds nothing more.
        } finally {
            wire.deadline(whole);
        }
        return BodySample.ofBytes(sample, length, charset(head.first("Content-Type")));
    }

    private static int readChunked(Wire wire, byte[] sample) throws IOException {
        int length = 0;
        for (int chunks = 0; length < sample.length && chunks < sample.length; chunks++) {
            String sizeLine = chunkLine(wire);
            if (sizeLine == null) {
                break;
            }
            int semi = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size <= 0) {
                break;
            }
            int want = (int) Math.min(size, sample.length - length);
            if (!wire.readFully(sample, length, want)) {
                break;
            }
            length += want;
            if (want < size || chunkLine(wire) == null) {
                break;
            }
        }
        return length;
    }

    private static String chunkLine(Wire wire) throws IOException {
        StringBuilder b = new StringBuilder(16);
        for (int i = 0; i < MAX_CHUNK_LINE; i++) {
            int c = wire.read();
            if (c < 0) {
                return null;
            }
            if (c == '\n') {
                return b.toString().trim();
            }
            b.append((char) c);
        }
        return null;
    }

    private static boolean isStatus(String code) {
        if (code.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            if (code.charAt(i) < '0' || code.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The start of a line for a message, raw: the report sanitizes every message as it takes it. */
    private static String cut(String line) {
        return line.length() <= 60 ? line : line.substring(0, 60) + "...";
    }

    static long contentLength(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The charset parameter of a Content-Type, or null. */
    static String charset(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = p.substring(8).trim();
                return name.startsWith("\"") && name.endsWith("\"") && name.length() > 1
                        ? name.substring(1, name.length() - 1) : name;
            }
        }
        return null;
    }

    /** Text bytes to a string for the report, UTF-8 with replacement. */
    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
