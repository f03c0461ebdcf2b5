package dev.wsguard.reliability.harness;

import java.io.ByteArrayOutputStream;

/**
 * Exact request bytes, line by line. A line is written as ISO-8859-1 (one char, one byte), so a test can put any
 * byte anywhere, NUL, ESC, 0x85 and 0xFF included; {@link #utf8} adds UTF-8 bytes where a client would send them.
 */
public final class RawBytes {

    public static final String VALID_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final String authority;

    private RawBytes(String authority) {
        this.authority = authority;
    }

    public static RawBytes of(String authority) {
        return new RawBytes(authority);
    }

    /** A request line: {@code method target HTTP/1.1} and {@code Host}. */
    public static RawBytes get(String authority, String target) {
        return of(authority).line("GET " + target + " HTTP/1.1").header("Host", authority);
    }

    /** A browser-style valid upgrade head without its final empty line, to add headers to. */
    public static RawBytes upgrade(String authority, String target) {
        return get(authority, target).header("Upgrade", "websocket").header("Connection", "Upgrade")
                .header("Sec-WebSocket-Key", VALID_KEY).header("Sec-WebSocket-Version", "13");
    }

    /** Writes the chars of {@code line} as single bytes, then CRLF. */
    public RawBytes line(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c > 0xff) {
                throw new IllegalArgumentException("not a byte: U+" + Integer.toHexString(c) + "; use utf8()");
            }
            out.write(c);
        }
        out.write('\r');
        out.write('\n');
        return this;
    }

    public RawBytes header(String name, String value) {
        return line(name + ": " + value);
    }

    /** The UTF-8 bytes of {@code text}, as ISO-8859-1 chars, for {@link #line}. */
    public static String utf8(String text) {
        return new String(text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** {@code c} repeated {@code n} times. */
    public static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    public String authority() {
        return authority;
    }

    /** The bytes with the final empty line. */
    public byte[] end() {
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }
}
