package dev.wsguard.testkit.servlet;

import dev.wsguard.testkit.http.Header;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A container's response with the state that matters to a filter that watches or replaces answers: status,
 * headers, content type, the body written through its stream or its writer (one or the other, as in a
 * container), and a container buffer that commits the response when flushed or when more than
 * {@code containerBuffer} bytes (or characters) reach it, like Tomcat's and Jetty's. Once committed, it can no
 * longer be reset.
 */
public class ResponseDouble extends HttpServletResponseWrapper {

    /** The container buffer of Tomcat and Jetty. */
    public static final int CONTAINER_BUFFER = 8192;

    private final int containerBuffer;
    private final List<Header> headers = new ArrayList<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final StringWriter chars = new StringWriter();
    private int status = 200;
    private String contentType;
    private int contentLength = -1;
    private boolean committed;
    private int flushes;
    private int resets;
    private Output output = Output.NONE;
    private WriteListener writeListener;

    /** Which way the body is written; a container refuses the other one until a reset. */
    private enum Output { NONE, STREAM, WRITER }

    private final ServletOutputStream stream = new ServletOutputStream() {
        @Override
        public void write(int b) {
            bytes.write(b);
            commitPastBuffer(bytes.size());
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            commitPastBuffer(bytes.size());
        }

        @Override
        public void flush() {
            flushBuffer();
        }

        @Override
        public void close() {
            committed = true;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            writeListener = listener;
        }
    };

    private final PrintWriter writer = new PrintWriter(new Writer() {
        @Override
        public void write(char[] c, int off, int len) {
            chars.write(c, off, len);
            commitPastBuffer(chars.getBuffer().length());
        }

        @Override
        public void flush() {
            flushBuffer();
        }

        @Override
        public void close() {
            committed = true;
        }
    }) {
        /** A container's writer ends a line its own way, not necessarily as this JVM does: Undertow's with CRLF. */
        @Override
        public void println() {
            write("\r\n");
        }
    };

    public ResponseDouble() {
        this(CONTAINER_BUFFER);
    }

    public ResponseDouble(int containerBuffer) {
        super(Inert.of(HttpServletResponse.class));
        this.containerBuffer = containerBuffer;
    }

    // ---- what a test reads ----

    /** The body as the client would read it: the bytes written (UTF-8) and the characters written. */
    public String text() {
        return bytes.toString(StandardCharsets.UTF_8) + chars;
    }

    /** Every header line set, in order, with the case it was set in. */
    public List<Header> headers() {
        return List.copyOf(headers);
    }

    /** How often the container's buffer was flushed. */
    public int flushes() {
        return flushes;
    }

    /** How often the response was reset. */
    public int resets() {
        return resets;
    }

    /** The Content-Length set, or -1. */
    public int contentLength() {
        return contentLength;
    }

    /** The listener set for non-blocking output, or null. */
    public WriteListener writeListener() {
        return writeListener;
    }

    /** Starts over as a new response, committed or not, as a container recycles one for the next request. */
    public void recycle() {
        clear();
        committed = false;
        flushes = 0;
        resets = 0;
        writeListener = null;
    }

    // ---- the servlet API ----

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void setStatus(int sc) {
        status = sc;
    }

    @Override
    public void sendError(int sc) {
        sendError(sc, null);
    }

    @Override
    public void sendError(int sc, String message) {
        refuseIfCommitted("sendError");
        status = sc;
        committed = true;
    }

    @Override
    public void sendRedirect(String location) {
        refuseIfCommitted("sendRedirect");
        status = SC_FOUND;
        setHeader("Location", location);
        committed = true;
    }

    @Override
    public void setHeader(String name, String value) {
        headers.removeIf(h -> h.name().equalsIgnoreCase(name));
        addHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        headers.add(new Header(name, value));
    }

    @Override
    public String getHeader(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    @Override
    public Collection<String> getHeaders(String name) {
        List<String> found = new ArrayList<>();
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                found.add(h.value());
            }
        }
        return found;
    }

    @Override
    public Collection<String> getHeaderNames() {
        List<String> found = new ArrayList<>();
        headers.forEach(h -> found.add(h.name()));
        return found;
    }

    @Override
    public boolean containsHeader(String name) {
        return getHeader(name) != null;
    }

    @Override
    public void setContentType(String type) {
        contentType = type;
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public void setContentLength(int length) {
        contentLength = length;
    }

    @Override
    public String getCharacterEncoding() {
        return "UTF-8";
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (output == Output.WRITER) {
            throw new IllegalStateException("getWriter() has already been called for this response");
        }
        output = Output.STREAM;
        return stream;
    }

    @Override
    public PrintWriter getWriter() {
        if (output == Output.STREAM) {
            throw new IllegalStateException("getOutputStream() has already been called for this response");
        }
        output = Output.WRITER;
        return writer;
    }

    @Override
    public boolean isCommitted() {
        return committed;
    }

    @Override
    public void flushBuffer() {
        committed = true;
        flushes++;
    }

    @Override
    public void reset() {
        refuseIfCommitted("reset");
        resets++;
        clear();
    }

    @Override
    public void resetBuffer() {
        refuseIfCommitted("resetBuffer");
        bytes.reset();
        chars.getBuffer().setLength(0);
    }

    private void clear() {
        status = 200;
        headers.clear();
        contentType = null;
        contentLength = -1;
        bytes.reset();
        chars.getBuffer().setLength(0);
        output = Output.NONE;
    }

    private void commitPastBuffer(int written) {
        if (written > containerBuffer) {
            committed = true;
        }
    }

    private void refuseIfCommitted(String what) {
        if (committed) {
            throw new IllegalStateException("Cannot call " + what + "(): the response is already committed");
        }
    }
}
