package dev.wsguard.probe;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * As much HPACK (RFC 7541) as the probe's one extended CONNECT needs. Encoding: every field a literal without indexing
 * and with a new name, no Huffman (section 6.2.2): always valid, nothing to track. Decoding: the first header block of
 * a server's answer: indexed fields from the static table (and the dynamic table the block itself fills), literals
 * with an indexed or a new name, Huffman or plain strings, dynamic table size updates. Bounded: at most
 * {@value #MAX_FIELDS} fields, strings no longer than the block.
 */
final class Hpack {

    static final int MAX_FIELDS = 100;

    /** RFC 7541 Appendix A: the static table, index 1 first. */
    private static final String[][] STATIC = {
        {":authority", ""}, {":method", "GET"}, {":method", "POST"}, {":path", "/"}, {":path", "/index.html"},
        {":scheme", "http"}, {":scheme", "https"}, {":status", "200"}, {":status", "204"}, {":status", "206"},
        {":status", "304"}, {":status", "400"}, {":status", "404"}, {":status", "500"}, {"accept-charset", ""},
        {"accept-encoding", "gzip, deflate"}, {"accept-language", ""}, {"accept-ranges", ""}, {"accept", ""},
        {"access-control-allow-origin", ""}, {"age", ""}, {"allow", ""}, {"authorization", ""},
        {"cache-control", ""}, {"content-disposition", ""}, {"content-encoding", ""}, {"content-language", ""},
        {"content-length", ""}, {"content-location", ""}, {"content-range", ""}, {"content-type", ""},
        {"cookie", ""}, {"date", ""}, {"etag", ""}, {"expect", ""}, {"expires", ""}, {"from", ""}, {"host", ""},
        {"if-match", ""}, {"if-modified-since", ""}, {"if-none-match", ""}, {"if-range", ""},
        {"if-unmodified-since", ""}, {"last-modified", ""}, {"link", ""}, {"location", ""}, {"max-forwards", ""},
        {"proxy-authenticate", ""}, {"proxy-authorization", ""}, {"range", ""}, {"referer", ""}, {"refresh", ""},
        {"retry-after", ""}, {"server", ""}, {"set-cookie", ""}, {"strict-transport-security", ""},
        {"transfer-encoding", ""}, {"user-agent", ""}, {"vary", ""}, {"via", ""}, {"www-authenticate", ""}};

    private Hpack() {
    }

    static int staticTableSize() {
        return STATIC.length;
    }

    // ---- encoding

    /** One field as a literal without indexing, new name, no Huffman: {@code 0000 0000}, name, value. */
    static void literal(ByteArrayOutputStream out, String name, String value) {
        out.write(0);
        string(out, name);
        string(out, value);
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        integer(out, 0, 7, bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    /** RFC 7541 5.1: {@code value} with an N-bit prefix, the first octet's high bits from {@code flags}. */
    static void integer(ByteArrayOutputStream out, int flags, int prefixBits, int value) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            out.write(flags | value);
            return;
        }
        out.write(flags | max);
        int rest = value - max;
        while (rest >= 128) {
            out.write((rest & 0x7f) | 0x80);
            rest >>>= 7;
        }
        out.write(rest);
    }

    // ---- decoding

    /** A position in a header block being decoded. */
    private static final class Cursor {
        final byte[] bytes;
        int position;
        final int end;

        Cursor(byte[] bytes, int offset, int length) {
            this.bytes = bytes;
            this.position = offset;
            this.end = offset + length;
        }

        int next() throws H2Exception {
            if (position >= end) {
                throw new H2Exception("a header block that ends in the middle of a field");
            }
            return bytes[position++] & 0xff;
        }
    }

    /** Every field of one header block, in order, names and values as sent (ISO-8859-1). */
    static List<String[]> decode(byte[] bytes, int offset, int length) throws H2Exception {
        Cursor c = new Cursor(bytes, offset, length);
        List<String[]> fields = new ArrayList<>();
        List<String[]> dynamic = new ArrayList<>();
        while (c.position < c.end) {
            if (fields.size() >= MAX_FIELDS) {
                throw new H2Exception("more than " + MAX_FIELDS + " header fields");
            }
            int first = c.bytes[c.position] & 0xff;
            if ((first & 0x80) != 0) {
                // 6.1: indexed field.
                fields.add(entry(integer(c, 7), dynamic));
            } else if ((first & 0xc0) == 0x40) {
                // 6.2.1: literal with incremental indexing; it enters the dynamic table.
                String[] field = literalField(c, 6, dynamic);
                dynamic.add(0, field);
                fields.add(field);
            } else if ((first & 0xe0) == 0x20) {
                // 6.3: dynamic table size update; the table here never grows past one block, so only read it.
                integer(c, 5);
            } else {
                // 6.2.2 without indexing (0000), 6.2.3 never indexed (0001).
                fields.add(literalField(c, 4, dynamic));
            }
        }
        return fields;
    }

    private static String[] literalField(Cursor c, int prefixBits, List<String[]> dynamic) throws H2Exception {
        int index = integer(c, prefixBits);
        String name = index == 0 ? string(c) : entry(index, dynamic)[0];
        return new String[] {name, string(c)};
    }

    private static String[] entry(int index, List<String[]> dynamic) throws H2Exception {
        if (index <= 0) {
            throw new H2Exception("a header field with index 0");
        }
        if (index <= STATIC.length) {
            return STATIC[index - 1];
        }
        int d = index - STATIC.length - 1;
        if (d >= dynamic.size()) {
            throw new H2Exception("a header field with index " + index + ", past the tables");
        }
        return dynamic.get(d);
    }

    private static String string(Cursor c) throws H2Exception {
        boolean huffman = (c.bytes[Math.min(c.position, c.end - 1)] & 0x80) != 0;
        int length = integer(c, 7);
        if (length > c.end - c.position) {
            throw new H2Exception("a string literal longer than its header block");
        }
        int start = c.position;
        c.position += length;
        return huffman ? Huffman.decode(c.bytes, start, length)
                : new String(c.bytes, start, length, StandardCharsets.ISO_8859_1);
    }

    /** RFC 7541 5.1: an integer with an N-bit prefix; at most 4 continuation octets (values below 2^28). */
    static int integer(Cursor c, int prefixBits) throws H2Exception {
        int max = (1 << prefixBits) - 1;
        int value = c.next() & max;
        if (value < max) {
            return value;
        }
        for (int shift = 0; shift <= 21; shift += 7) {
            int b = c.next();
            value += (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new H2Exception("an HPACK integer too large");
    }
}
