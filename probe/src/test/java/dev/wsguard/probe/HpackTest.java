package dev.wsguard.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HPACK as far as the probe needs it, against RFC 7541 Appendix C's examples. */
class HpackTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** Appendix C.4 and C.6: the Huffman-coded strings of the examples. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "f1e3 c2e5 f23a 6ba0 ab90 f4ff | www.example.com",
        "a8eb 1064 9cbf | no-cache",
        "25a8 49e9 5ba9 7d7f | custom-key",
        "25a8 49e9 5bb8 e8b4 bf | custom-value",
        "6402 | 302",
        "640e ff | 307",
        "aec3 771a 4b | private",
        "d07a be94 1054 d444 a820 0595 040b 8166 e082 a62d 1bff | Mon, 21 Oct 2013 20:13:21 GMT",
        "9d29 ad17 1863 c78f 0b97 c8e9 ae82 ae43 d3 | https://www.example.com",
        "9bd9 ab | gzip",
        "94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07"
                + " | foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1"})
    void huffmanDecodesTheRfcExamples(String encoded, String text) throws H2Exception {
        byte[] bytes = hex(encoded);
        assertEquals(text, Huffman.decode(bytes, 0, bytes.length));
    }

    @Test
    void badHuffmanIsAnH2ExceptionNeverARuntimeOne() {
        // Padding of 8 one bits (more than 7), a zero-bit padding, EOS (30 ones) inside the string, and padding that is not all ones after a symbol.
        for (String bad : new String[] {"ff", "00", "ffff fffc", "65"}) {
            byte[] bytes = hex(bad);
            assertThrows(H2Exception.class, () -> Huffman.decode(bytes, 0, bytes.length), bad);
        }
    }

    /** Appendix C.6.1: the first response, Huffman-coded, literals with indexing and indexed names. */
    @Test
    void decodesTheFirstResponseOfAppendixC6() throws H2Exception {
        byte[] block = hex("4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e"
                + " 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3");
        List<String[]> fields = Hpack.decode(block, 0, block.length);
        assertEquals(4, fields.size());
        assertArrayEquals(new String[] {":status", "302"}, fields.get(0));
        assertArrayEquals(new String[] {"cache-control", "private"}, fields.get(1));
        assertArrayEquals(new String[] {"date", "Mon, 21 Oct 2013 20:13:21 GMT"}, fields.get(2));
        assertArrayEquals(new String[] {"location", "https://www.example.com"}, fields.get(3));
    }

    /** Appendix C.3.1 (no Huffman), and the static table's statuses indexed alone. */
    @Test
    void decodesIndexedFieldsAndPlainLiterals() throws H2Exception {
        byte[] block = hex("8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d");
        List<String[]> fields = Hpack.decode(block, 0, block.length);
        assertArrayEquals(new String[] {":method", "GET"}, fields.get(0));
        assertArrayEquals(new String[] {":scheme", "http"}, fields.get(1));
        assertArrayEquals(new String[] {":path", "/"}, fields.get(2));
        assertArrayEquals(new String[] {":authority", "www.example.com"}, fields.get(3));
        int[] indexes = {8, 9, 10, 11, 12, 13, 14};
        String[] statuses = {"200", "204", "206", "304", "400", "404", "500"};
        for (int i = 0; i < indexes.length; i++) {
            byte[] one = {(byte) (0x80 | indexes[i])};
            assertArrayEquals(new String[] {":status", statuses[i]}, Hpack.decode(one, 0, 1).get(0));
        }
        assertEquals(61, Hpack.staticTableSize());
    }

    /** Appendix C.1: integers with a prefix; and what the probe encodes decodes back. */
    @Test
    void integersAndTheProbesOwnLiteralsRoundTrip() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Hpack.integer(out, 0, 5, 10);
        Hpack.integer(out, 0, 5, 1337);
        Hpack.integer(out, 0, 8, 42);
        assertEquals("0a1f9a0a2a", HexFormat.of().formatHex(out.toByteArray()));

        Target target = Target.parse("wss://example.com:8443/app/echo?x=1");
        String longValue = "v".repeat(300);
        byte[] block = H2Check.request(target, null, List.of(new String[] {"Cookie", longValue},
                new String[] {"Host", "dropped"}));
        List<String[]> fields = Hpack.decode(block, 0, block.length);
        assertArrayEquals(new String[] {":method", "CONNECT"}, fields.get(0));
        assertArrayEquals(new String[] {":protocol", "websocket"}, fields.get(1));
        assertArrayEquals(new String[] {":scheme", "https"}, fields.get(2));
        assertArrayEquals(new String[] {":path", "/app/echo?x=1"}, fields.get(3));
        assertArrayEquals(new String[] {":authority", "example.com:8443"}, fields.get(4));
        assertArrayEquals(new String[] {"sec-websocket-version", "13"}, fields.get(5));
        assertArrayEquals(new String[] {"origin", "https://example.com:8443"}, fields.get(6));
        assertArrayEquals(new String[] {"cookie", longValue}, fields.get(7));
        assertEquals(8, fields.size(), "Host is an HTTP/1.1 header: :authority carries it in h2");
    }

    @Test
    void truncatedOrOutOfTableBlocksAreH2Exceptions() {
        for (String bad : new String[] {"bf", "80", "ff ff ff ff ff ff", "0f", "00 05 61", "48 85 ae"}) {
            byte[] bytes = hex(bad);
            assertThrows(H2Exception.class, () -> Hpack.decode(bytes, 0, bytes.length), bad);
        }
    }
}
