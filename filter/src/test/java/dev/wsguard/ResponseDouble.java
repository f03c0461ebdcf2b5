package dev.wsguard;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A container response with the state that matters to hold-back: status, headers, body, and a
 * container buffer that commits when flushed or when more than {@code containerBuffer} bytes
 * reach it, like Tomcat's and Jetty's.
 */
final class ResponseDouble {

    final HttpServletResponse mock = mock(HttpServletResponse.class);
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    final StringWriter chars = new StringWriter();
    final Map<String, String> headers = new LinkedHashMap<>();
    int status = 200;
    String contentType;
    boolean committed;
    int flushes;
    int resets;
    private final int containerBuffer;
    private String output = "none";

    ResponseDouble(int containerBuffer) {
        this.containerBuffer = containerBuffer;
        try {
            wire();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String text() {
        return body.toString(StandardCharsets.UTF_8) + chars;
    }

    private void wire() throws IOException {
        when(mock.getStatus()).thenAnswer(i -> status);
        doAnswer(i -> {
            status = i.getArgument(0);
            return null;
        }).when(mock).setStatus(anyInt());
        doAnswer(i -> {
            headers.put(i.getArgument(0), i.getArgument(1));
            return null;
        }).when(mock).setHeader(anyString(), anyString());
        when(mock.getHeader(anyString())).thenAnswer(i -> headers.get((String) i.getArgument(0)));
        doAnswer(i -> {
            contentType = i.getArgument(0);
            return null;
        }).when(mock).setContentType(anyString());
        when(mock.getContentType()).thenAnswer(i -> contentType);
        when(mock.getCharacterEncoding()).thenReturn("UTF-8");
        when(mock.isCommitted()).thenAnswer(i -> committed);
        doAnswer(i -> {
            if (committed) {
                throw new IllegalStateException("committed");
            }
            resets++;
            status = 200;
            headers.clear();
            contentType = null;
            body.reset();
            chars.getBuffer().setLength(0);
            output = "none";
            return null;
        }).when(mock).reset();
        doAnswer(i -> {
            status = i.getArgument(0);
            committed = true;
            return null;
        }).when(mock).sendError(anyInt());
        doAnswer(i -> {
            committed = true;
            flushes++;
            return null;
        }).when(mock).flushBuffer();
        ServletOutputStream stream = new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
                maybeCommit();
            }

            @Override
            public void write(byte[] b, int off, int len) {
                body.write(b, off, len);
                maybeCommit();
            }

            @Override
            public void flush() {
                committed = true;
                flushes++;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener l) {
            }
        };
        when(mock.getOutputStream()).thenAnswer(i -> {
            if (output.equals("writer")) {
                throw new IllegalStateException("writer in use");
            }
            output = "stream";
            return stream;
        });
        PrintWriter writer = new PrintWriter(new Writer() {
            @Override
            public void write(char[] c, int off, int len) {
                chars.write(c, off, len);
                if (chars.getBuffer().length() > containerBuffer) {
                    committed = true;
                }
            }

            @Override
            public void flush() {
                committed = true;
                flushes++;
            }

            @Override
            public void close() {
                committed = true;
            }
        });
        when(mock.getWriter()).thenAnswer(i -> {
            if (output.equals("stream")) {
                throw new IllegalStateException("stream in use");
            }
            output = "writer";
            return writer;
        });
    }

    private void maybeCommit() {
        if (body.size() > containerBuffer) {
            committed = true;
        }
    }
}
