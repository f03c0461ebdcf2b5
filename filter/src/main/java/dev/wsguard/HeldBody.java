package dev.wsguard;

import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;

/**
 * What enforce mode holds back of a body, up to its limit (buffer-limit), and any flush or close asked for
 * meanwhile: bytes from the response's stream or characters from its writer, in the order written (a response
 * writes through one of the two; a reset discards what was held before it may switch).
 */
final class HeldBody {

    private final int limit;
    private byte[] bytes;
    private char[] chars;
    /**
     * Where downstream called the writer's {@code println()}, as positions in {@link #chars}, each holding a
     * placeholder '\n': passed on as the container's own {@code println()}, whose line end may be another than
     * this JVM's (Undertow writes CRLF), so that log mode changes no byte of the answer.
     */
    private int[] lineEnds;
    private int lineEndCount;
    private int count;
    private boolean flushRequested;
    private boolean closeRequested;

    HeldBody(int limit) {
        this.limit = limit;
    }

    /** Holds the bytes, or nothing and false if they would take the body past the limit. */
    boolean hold(byte[] b, int off, int len) {
        if (count + len > limit) {
            return false;
        }
        if (bytes == null || bytes.length < count + len) {
            bytes = bytes == null ? new byte[grown(0, count + len)]
                    : Arrays.copyOf(bytes, grown(bytes.length, count + len));
        }
        System.arraycopy(b, off, bytes, count, len);
        count += len;
        return true;
    }

    /** Holds the characters, or nothing and false if they would take the body past the limit. */
    boolean hold(char[] c, int off, int len) {
        if (!roomForChars(len)) {
            return false;
        }
        System.arraycopy(c, off, chars, count, len);
        count += len;
        return true;
    }

    /** As {@link #hold(char[], int, int)}, for the characters of a string. */
    boolean hold(String s, int off, int len) {
        if (!roomForChars(len)) {
            return false;
        }
        s.getChars(off, off + len, chars, count);
        count += len;
        return true;
    }

    /** Holds a line end of the writer's {@code println()}, or nothing and false past the limit (it counts as one char). */
    boolean holdLineEnd() {
        if (!roomForChars(1)) {
            return false;
        }
        if (lineEnds == null || lineEnds.length == lineEndCount) {
            lineEnds = lineEnds == null ? new int[16] : Arrays.copyOf(lineEnds, Math.min(lineEnds.length * 2, limit));
        }
        lineEnds[lineEndCount++] = count;
        chars[count++] = '\n';
        return true;
    }

    void requestFlush() {
        flushRequested = true;
    }

    void requestClose() {
        closeRequested = true;
    }

    /** Whether downstream asked for a flush or a close: to it, the answer is committed. */
    boolean flushOrCloseRequested() {
        return flushRequested || closeRequested;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Forgets what is held, and any flush or close asked for. */
    void discard() {
        bytes = null;
        chars = null;
        lineEnds = null;
        lineEndCount = 0;
        count = 0;
        flushRequested = false;
        closeRequested = false;
    }

    /**
     * Writes what is held to the container's stream or writer (whichever downstream used), then the close or
     * flush asked for meanwhile; holds nothing after.
     */
    void passOnTo(ServletOutputStream stream, PrintWriter writer) throws IOException {
        if (count > 0 && bytes != null) {
            stream.write(bytes, 0, count);
        } else if (count > 0) {
            int from = 0;
            for (int i = 0; i < lineEndCount; i++) {
                writer.write(chars, from, lineEnds[i] - from);
                writer.println();
                from = lineEnds[i] + 1;
            }
            writer.write(chars, from, count - from);
        }
        boolean close = closeRequested;
        boolean flush = flushRequested;
        discard();
        if (close) {
            if (stream != null) {
                stream.close();
            } else if (writer != null) {
                writer.close();
            }
        } else if (flush) {
            if (stream != null) {
                stream.flush();
            } else if (writer != null) {
                writer.flush();
            }
        }
    }

    /** Makes room for {@code len} more characters, unless they would take the body past the limit. */
    private boolean roomForChars(int len) {
        if (count + len > limit) {
            return false;
        }
        if (chars == null || chars.length < count + len) {
            chars = chars == null ? new char[grown(0, count + len)]
                    : Arrays.copyOf(chars, grown(chars.length, count + len));
        }
        return true;
    }

    /** A capacity for {@code needed} units (never past the limit): doubling from 1 KiB, so each grows rarely. */
    private int grown(int current, int needed) {
        return Math.min(Math.max(Math.max(current * 2, 1024), needed), limit);
    }
}
