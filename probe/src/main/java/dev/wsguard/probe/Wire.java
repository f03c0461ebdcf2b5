package dev.wsguard.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A connection read under a deadline: before every read of the socket the socket timeout is set to what is left, and
 * no read starts once nothing is, so a server trickling one byte at a time cannot stretch a run past its budget.
 */
final class Wire implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private Deadline deadline;
    private long bytesRead;

    Wire(Socket socket, Deadline deadline) throws IOException {
        this(socket, socket.getInputStream(), socket.getOutputStream(), deadline);
    }

    /** Over streams alone (no socket: no socket timeout, the deadline is checked between reads only), for tests. */
    Wire(Socket socket, InputStream in, OutputStream out, Deadline deadline) {
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.deadline = deadline;
    }

    /** Reads from now on under another deadline (a short wait for a body, the whole budget again). */
    void deadline(Deadline next) {
        this.deadline = next;
    }

    Deadline deadline() {
        return deadline;
    }

    /** One byte, or -1 at the end of the stream. */
    int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    /** Exactly {@code length} bytes into {@code into}; false if the stream ended first. */
    boolean readFully(byte[] into, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            if (position == limit && !fill()) {
                return false;
            }
            int n = Math.min(length - done, limit - position);
            System.arraycopy(buffer, position, into, offset + done, n);
            position += n;
            done += n;
        }
        return true;
    }

    /** Whatever arrives within the deadline, up to {@code max} bytes; -1 at the end of the stream. */
    int readSome(byte[] into, int offset, int max) throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        int n = Math.min(max, limit - position);
        System.arraycopy(buffer, position, into, offset, n);
        position += n;
        return n;
    }

    long bytesRead() {
        return bytesRead;
    }

    void write(byte[] bytes) throws IOException {
        timeout();
        out.write(bytes);
        out.flush();
    }

    private boolean fill() throws IOException {
        if (deadline.expired()) {
            throw new SocketTimeoutException("the time budget of " + deadline.budgetMillis() + " ms ran out");
        }
        timeout();
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        bytesRead += n;
        return true;
    }

    private void timeout() throws IOException {
        int left = deadline.socketTimeout();
        if (socket != null) {
            socket.setSoTimeout(left);
        }
    }

    @Override
    public void close() {
        try {
            if (socket != null) {
                socket.close();
            } else {
                in.close();
            }
        } catch (IOException e) {
            // Closing is the end of the run; nothing is left to report.
        }
    }
}
