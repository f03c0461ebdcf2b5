package dev.wsguard;

import dev.wsguard.diagnosis.BodySample;

/**
 * The first {@link BodySample#CAPACITY} units written to a body: what its first bytes or characters show of who
 * wrote it. The same buffer serves the stream and the writer: a byte is kept as the char of the same value (as
 * ISO-8859-1 maps them), and the bytes are decoded with the response's charset only when the diagnosis asks.
 */
final class SampleBuffer {

    private char[] units;
    private int count;

    void add(byte[] b, int off, int len) {
        int n = room(len);
        for (int i = 0; i < n; i++) {
            units[count + i] = (char) (b[off + i] & 0xff);
        }
        count += n;
    }

    void add(char[] c, int off, int len) {
        int n = room(len);
        System.arraycopy(c, off, units, count, n);
        count += n;
    }

    /** As {@link #add(char[], int, int)}, for the characters of a string. */
    void add(String s, int off, int len) {
        int n = room(len);
        s.getChars(off, off + n, units, count);
        count += n;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The sample of characters written through a writer. */
    BodySample asChars() {
        return BodySample.ofChars(units, count);
    }

    /** The sample of bytes written through a stream, decoded as the response declares. */
    BodySample asBytes(String charsetName) {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) units[i];
        }
        return BodySample.ofBytes(bytes, count, charsetName);
    }

    /** How many of {@code len} more units still fit; the buffer is allocated by the first that does. */
    private int room(int len) {
        if (count >= BodySample.CAPACITY) {
            return 0;
        }
        if (units == null) {
            units = new char[BodySample.CAPACITY];
        }
        return Math.min(len, BodySample.CAPACITY - count);
    }
}
