package dev.wsguard;

import dev.wsguard.diagnosis.BodySample;
import dev.wsguard.diagnosis.EnforceAnswer;
import dev.wsguard.diagnosis.Enforcement;
import dev.wsguard.handshake.HandshakeClassifier;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The response an upgrade attempt travels down the chain with. Status and headers go straight
 * to the container's response; the body is sampled (its first bytes tell who wrote it) and, when
 * holding back, kept here up to the buffer limit with flushes deferred, so a 2xx can still be
 * replaced after the chain returns. A 101 and anything after it pass through at once: some
 * WebSocket implementations flush the 101 inside the chain, and deferring that would break the
 * handshake.
 */
final class HoldBackResponse extends HttpServletResponseWrapper {

    private final HttpServletResponse real;
    private final Object lock = new Object();
    private final int limit;

    private boolean holding;
    private Enforcement passedOnBecause;
    private boolean flushRequested;
    private boolean closeRequested;

    private byte[] heldBytes;
    private int heldByteCount;
    private char[] heldChars;
    private int heldCharCount;

    private byte[] sampleBytes;
    private int sampleByteCount;
    private char[] sampleChars;
    private int sampleCharCount;

    private ServletOutputStream realStream;
    private PrintWriter realWriter;
    private GuardStream stream;
    private PrintWriter writer;

    /**
     * @param limit how many bytes (or characters) to hold back, or a negative number to only
     *              observe: then everything passes through unchanged, as in log mode
     */
    HoldBackResponse(HttpServletResponse real, int limit) {
        super(real);
        this.real = real;
        this.limit = Math.max(limit, 0);
        this.holding = limit >= 0;
    }

    // ---- the body ----

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        synchronized (lock) {
            if (writer != null) {
                throw new IllegalStateException("getWriter() has already been called for this response");
            }
            if (stream == null) {
                realStream = real.getOutputStream();
                stream = new GuardStream();
            }
            return stream;
        }
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        synchronized (lock) {
            if (stream != null) {
                throw new IllegalStateException("getOutputStream() has already been called for this response");
            }
            if (writer == null) {
                realWriter = real.getWriter();
                writer = new GuardWriter(new HeldWriter(lock));
            }
            return writer;
        }
    }

    @Override
    public void flushBuffer() throws IOException {
        synchronized (lock) {
            if (holding && real.getStatus() != HttpServletResponse.SC_SWITCHING_PROTOCOLS) {
                flushRequested = true;
                return;
            }
            passOn(null);
        }
        real.flushBuffer();
    }

    @Override
    public boolean isCommitted() {
        synchronized (lock) {
            return real.isCommitted() || (holding && (flushRequested || closeRequested));
        }
    }

    @Override
    public void reset() {
        synchronized (lock) {
            if (isCommitted()) {
                throw new IllegalStateException("Cannot reset the response: it is already committed");
            }
            discardHeld();
            stream = null;
            writer = null;
            real.reset();
        }
    }

    @Override
    public void resetBuffer() {
        synchronized (lock) {
            if (isCommitted()) {
                throw new IllegalStateException("Cannot reset the buffer: the response is already committed");
            }
            discardHeld();
            real.resetBuffer();
        }
    }

    @Override
    public void setBufferSize(int size) {
        synchronized (lock) {
            if (heldByteCount > 0 || heldCharCount > 0) {
                throw new IllegalStateException("Cannot set the buffer size after content has been written");
            }
            real.setBufferSize(size);
        }
    }

    // ---- answers that end the body: the container discards buffered content ----

    @Override
    public void sendError(int sc, String msg) throws IOException {
        stopHoldingDiscarding();
        real.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
        stopHoldingDiscarding();
        real.sendError(sc);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        stopHoldingDiscarding();
        real.sendRedirect(location);
    }

    @Override
    public void setStatus(int sc) {
        real.setStatus(sc);
        if (sc == HttpServletResponse.SC_SWITCHING_PROTOCOLS) {
            synchronized (lock) {
                passOnQuietly(null);
            }
        }
    }

    // ---- what the filter does after the chain ----

    /** Why holding stopped before the chain returned, or null. */
    Enforcement passedOnBecause() {
        synchronized (lock) {
            return passedOnBecause;
        }
    }

    /** Whether anything downstream asked for the body's stream or writer, through this wrapper. */
    boolean outputObtained() {
        synchronized (lock) {
            return stream != null || writer != null;
        }
    }

    /** The first bytes or characters written, for the diagnosis. */
    BodySample sample() {
        synchronized (lock) {
            if (sampleChars != null) {
                return BodySample.ofChars(sampleChars, sampleCharCount);
            }
            if (sampleBytes != null) {
                return BodySample.ofBytes(sampleBytes, sampleByteCount, real.getCharacterEncoding());
            }
            return BodySample.empty();
        }
    }

    /** Stops holding back: writes what was held to the container, then any deferred flush or close. */
    void passOn(Enforcement reason) throws IOException {
        synchronized (lock) {
            if (!holding) {
                return;
            }
            holding = false;
            if (passedOnBecause == null) {
                passedOnBecause = reason;
            }
            if (heldByteCount > 0) {
                realStream.write(heldBytes, 0, heldByteCount);
            }
            if (heldCharCount > 0) {
                realWriter.write(heldChars, 0, heldCharCount);
            }
            heldBytes = null;
            heldChars = null;
            heldByteCount = 0;
            heldCharCount = 0;
            if (closeRequested) {
                closeReal();
            } else if (flushRequested) {
                flushReal();
            }
        }
    }

    /** As {@link #passOn}, for paths that must not throw; a client that went away is not our failure. */
    void passOnQuietly(Enforcement reason) {
        try {
            passOn(reason);
        } catch (IOException | RuntimeException e) {
            synchronized (lock) {
                holding = false;
                discardHeld();
            }
        }
    }

    /**
     * Replaces the answer with wsguard's own, if the container has not sent anything yet.
     *
     * @return {@link Enforcement#REPLACED}, or why it could not be replaced
     */
    Enforcement replaceWith(EnforceAnswer answer, String details, boolean upgradeHeaders, Runnable onReplacing)
            throws IOException {
        synchronized (lock) {
            if (real.isCommitted()) {
                passOnQuietly(null);
                return passedOnBecause != null ? passedOnBecause : Enforcement.NOT_REPLACED_COMMITTED;
            }
            holding = false;
            discardHeld();
            real.reset();
            onReplacing.run();
            writeAnswer(real, answer, details, upgradeHeaders);
            return Enforcement.REPLACED;
        }
    }

    /**
     * Writes an enforce-mode answer on a response nothing else has written to (or that was reset).
     *
     * @param upgradeHeaders false where the container cannot frame an answer that carries
     *                       {@code Upgrade} (see {@code ContainerProfile}); the 426 then goes without
     */
    static void writeAnswer(HttpServletResponse response, EnforceAnswer answer, String details, boolean upgradeHeaders)
            throws IOException {
        response.setStatus(answer.status());
        for (Map.Entry<String, String> h : answer.headers().entrySet()) {
            if (!upgradeHeaders && (h.getKey().equals(HandshakeClassifier.UPGRADE)
                    || h.getKey().equals(HandshakeClassifier.CONNECTION))) {
                continue;
            }
            response.setHeader(h.getKey(), h.getValue());
        }
        response.setContentType(EnforceAnswer.CONTENT_TYPE);
        String body = answer.body(details);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        ServletOutputStream out;
        try {
            out = response.getOutputStream();
        } catch (IllegalStateException writerAlreadyChosen) {
            // A container whose reset() keeps the writer/stream choice: write the same text.
            response.getWriter().write(body);
            return;
        }
        out.write(bytes);
    }

    // ---- internals ----

    private void stopHoldingDiscarding() {
        synchronized (lock) {
            if (holding) {
                holding = false;
                discardHeld();
            }
        }
    }

    private void discardHeld() {
        heldBytes = null;
        heldChars = null;
        heldByteCount = 0;
        heldCharCount = 0;
        flushRequested = false;
        closeRequested = false;
    }

    private void flushReal() throws IOException {
        if (realStream != null) {
            realStream.flush();
        } else if (realWriter != null) {
            realWriter.flush();
        }
    }

    private void closeReal() throws IOException {
        if (realStream != null) {
            realStream.close();
        } else if (realWriter != null) {
            realWriter.close();
        }
    }

    private void sample(byte[] b, int off, int len) {
        if (sampleByteCount >= BodySample.CAPACITY) {
            return;
        }
        if (sampleBytes == null) {
            sampleBytes = new byte[BodySample.CAPACITY];
        }
        int n = Math.min(len, BodySample.CAPACITY - sampleByteCount);
        System.arraycopy(b, off, sampleBytes, sampleByteCount, n);
        sampleByteCount += n;
    }

    private void sample(char[] c, int off, int len) {
        if (sampleCharCount >= BodySample.CAPACITY) {
            return;
        }
        if (sampleChars == null) {
            sampleChars = new char[BodySample.CAPACITY];
        }
        int n = Math.min(len, BodySample.CAPACITY - sampleCharCount);
        System.arraycopy(c, off, sampleChars, sampleCharCount, n);
        sampleCharCount += n;
    }

    private void sample(String s, int off, int len) {
        if (sampleCharCount >= BodySample.CAPACITY) {
            return;
        }
        if (sampleChars == null) {
            sampleChars = new char[BodySample.CAPACITY];
        }
        int n = Math.min(len, BodySample.CAPACITY - sampleCharCount);
        s.getChars(off, off + n, sampleChars, sampleCharCount);
        sampleCharCount += n;
    }

    private static int grow(int current, int needed, int max) {
        int size = Math.max(current * 2, 1024);
        return Math.min(Math.max(size, needed), Math.max(max, needed));
    }

    /** The stream handed downstream. */
    private final class GuardStream extends ServletOutputStream {
        private final byte[] one = new byte[1];

        @Override
        public void write(int b) throws IOException {
            synchronized (lock) {
                one[0] = (byte) b;
                write(one, 0, 1);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len <= 0) {
                return;
            }
            synchronized (lock) {
                sample(b, off, len);
                if (holding) {
                    if (heldByteCount + len <= limit) {
                        if (heldBytes == null || heldBytes.length < heldByteCount + len) {
                            int size = grow(heldBytes == null ? 0 : heldBytes.length, heldByteCount + len, limit);
                            heldBytes = heldBytes == null ? new byte[size] : Arrays.copyOf(heldBytes, size);
                        }
                        System.arraycopy(b, off, heldBytes, heldByteCount, len);
                        heldByteCount += len;
                        return;
                    }
                    passOn(Enforcement.NOT_REPLACED_OVERFLOW);
                }
                realStream.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            synchronized (lock) {
                if (holding) {
                    flushRequested = true;
                    return;
                }
                realStream.flush();
            }
        }

        @Override
        public void close() throws IOException {
            synchronized (lock) {
                if (holding) {
                    closeRequested = true;
                    return;
                }
                realStream.close();
            }
        }

        @Override
        public boolean isReady() {
            return realStream.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            synchronized (lock) {
                // Non-blocking output cannot be held back: its readiness is the container's.
                passOnQuietly(Enforcement.NOT_REPLACED_NON_BLOCKING);
                realStream.setWriteListener(listener);
            }
        }
    }

    /** The characters behind the writer handed downstream. */
    private final class HeldWriter extends Writer {

        HeldWriter(Object sharedLock) {
            super(sharedLock);
        }

        @Override
        public void write(char[] c, int off, int len) throws IOException {
            if (len <= 0) {
                return;
            }
            synchronized (lock) {
                sample(c, off, len);
                if (holding && ensureRoom(len)) {
                    System.arraycopy(c, off, heldChars, heldCharCount, len);
                    heldCharCount += len;
                    return;
                }
                realWriter.write(c, off, len);
            }
        }

        @Override
        public void write(String s, int off, int len) throws IOException {
            if (len <= 0) {
                return;
            }
            synchronized (lock) {
                sample(s, off, len);
                if (holding && ensureRoom(len)) {
                    s.getChars(off, off + len, heldChars, heldCharCount);
                    heldCharCount += len;
                    return;
                }
                realWriter.write(s, off, len);
            }
        }

        /** Makes room for {@code len} more held characters, or passes on if that would exceed the limit. */
        private boolean ensureRoom(int len) throws IOException {
            if (heldCharCount + len > limit) {
                passOn(Enforcement.NOT_REPLACED_OVERFLOW);
                return false;
            }
            if (heldChars == null || heldChars.length < heldCharCount + len) {
                int size = grow(heldChars == null ? 0 : heldChars.length, heldCharCount + len, limit);
                heldChars = heldChars == null ? new char[size] : Arrays.copyOf(heldChars, size);
            }
            return true;
        }

        @Override
        public void flush() {
            synchronized (lock) {
                if (holding) {
                    flushRequested = true;
                    return;
                }
                realWriter.flush();
            }
        }

        @Override
        public void close() {
            synchronized (lock) {
                if (holding) {
                    closeRequested = true;
                    return;
                }
                realWriter.close();
            }
        }
    }

    /** A PrintWriter whose error state includes the container's writer once content reaches it. */
    private final class GuardWriter extends PrintWriter {
        GuardWriter(Writer out) {
            super(out, false);
        }

        @Override
        public boolean checkError() {
            boolean mine = super.checkError();
            synchronized (lock) {
                // While holding, asking the container's writer would flush it and commit the response.
                return mine || (!holding && realWriter.checkError());
            }
        }
    }
}
