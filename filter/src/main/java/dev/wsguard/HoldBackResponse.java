package dev.wsguard;

import dev.wsguard.diagnosis.BodySample;
import dev.wsguard.diagnosis.EnforceAnswer;
import dev.wsguard.diagnosis.Enforcement;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * The response an upgrade attempt travels down the chain with. Status and headers go straight
 * to the container's response; the body is sampled ({@link SampleBuffer}: its first bytes tell who
 * wrote it) and, when holding back, kept in a {@link HeldBody} up to the buffer limit with flushes
 * deferred, so a 2xx can still be replaced after the chain returns. A 101 and anything after it pass
 * through at once: some WebSocket implementations flush the 101 inside the chain, and deferring that
 * would break the handshake.
 */
final class HoldBackResponse extends HttpServletResponseWrapper {

    private final HttpServletResponse real;
    private final Object lock = new Object();
    private final HeldBody held;
    private final SampleBuffer streamSample = new SampleBuffer();
    private final SampleBuffer writerSample = new SampleBuffer();

    private boolean holding;
    private Enforcement passedOnBecause;

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
        this.held = new HeldBody(Math.max(limit, 0));
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
                held.requestFlush();
                return;
            }
            passOn(null);
        }
        real.flushBuffer();
    }

    @Override
    public boolean isCommitted() {
        synchronized (lock) {
            return real.isCommitted() || (holding && held.flushOrCloseRequested());
        }
    }

    @Override
    public void reset() {
        synchronized (lock) {
            if (isCommitted()) {
                throw new IllegalStateException("Cannot reset the response: it is already committed");
            }
            held.discard();
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
            held.discard();
            real.resetBuffer();
        }
    }

    @Override
    public void setBufferSize(int size) {
        synchronized (lock) {
            if (!held.isEmpty()) {
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
            if (!writerSample.isEmpty()) {
                return writerSample.asChars();
            }
            if (!streamSample.isEmpty()) {
                return streamSample.asBytes(real.getCharacterEncoding());
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
            held.passOnTo(realStream, realWriter);
        }
    }

    /** As {@link #passOn}, for paths that must not throw; a client that went away is not our failure. */
    void passOnQuietly(Enforcement reason) {
        try {
            passOn(reason);
        } catch (IOException | RuntimeException e) {
            synchronized (lock) {
                holding = false;
                held.discard();
            }
        }
    }

    /**
     * Replaces the answer with wsguard's own, if the container has not sent anything yet. {@code onReplacing}
     * runs once the container's response is reset, before the answer is written.
     *
     * @return {@link Enforcement#REPLACED}, or why it could not be replaced
     */
    Enforcement replaceWith(EnforceAnswer answer, String details, AnswerWriter writer, Runnable onReplacing)
            throws IOException {
        synchronized (lock) {
            if (real.isCommitted()) {
                passOnQuietly(null);
                return passedOnBecause != null ? passedOnBecause : Enforcement.NOT_REPLACED_COMMITTED;
            }
            holding = false;
            held.discard();
            real.reset();
            onReplacing.run();
            writer.write(real, answer, details);
            return Enforcement.REPLACED;
        }
    }

    // ---- internals ----

    private void stopHoldingDiscarding() {
        synchronized (lock) {
            if (holding) {
                holding = false;
                held.discard();
            }
        }
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
                streamSample.add(b, off, len);
                if (holding) {
                    if (held.hold(b, off, len)) {
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
                    held.requestFlush();
                    return;
                }
                realStream.flush();
            }
        }

        @Override
        public void close() throws IOException {
            synchronized (lock) {
                if (holding) {
                    held.requestClose();
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
                writerSample.add(c, off, len);
                if (holding) {
                    if (held.hold(c, off, len)) {
                        return;
                    }
                    passOn(Enforcement.NOT_REPLACED_OVERFLOW);
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
                writerSample.add(s, off, len);
                if (holding) {
                    if (held.hold(s, off, len)) {
                        return;
                    }
                    passOn(Enforcement.NOT_REPLACED_OVERFLOW);
                }
                realWriter.write(s, off, len);
            }
        }

        @Override
        public void flush() {
            synchronized (lock) {
                if (holding) {
                    held.requestFlush();
                    return;
                }
                realWriter.flush();
            }
        }

        @Override
        public void close() {
            synchronized (lock) {
                if (holding) {
                    held.requestClose();
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

        /**
         * The container's own line end, not this JVM's: held, it is passed on as the container writer's
         * {@code println()} (every {@code println(x)} ends here).
         */
        @Override
        public void println() {
            synchronized (lock) {
                // The sample only describes the body: its line end needs no container's.
                writerSample.add("\n", 0, 1);
                if (holding) {
                    if (held.holdLineEnd()) {
                        return;
                    }
                    try {
                        passOn(Enforcement.NOT_REPLACED_OVERFLOW);
                    } catch (IOException e) {
                        // As PrintWriter does with its own writer's failures: checkError() reports it.
                        setError();
                        return;
                    }
                }
                realWriter.println();
            }
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
