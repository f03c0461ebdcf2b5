package dev.wsguard.testkit.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** Exact bytes: any byte anywhere, UTF-8 where asked, and no silent replacement of what is not a byte. */
class RawRequestTest {

    @Test
    void writesEveryByteAsGivenAnywhere() {
        byte[] bytes = RawRequest.request("G\u00ffT", "/a\u0000b\nc\rd", "HTTP/1.1")
                .header("X-Raw", "\u001b[2J\u0085\u009b" + RawRequest.utf8("\u202e"))
                .build().toBytes("127.0.0.1:1");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(new byte[] {'G', (byte) 0xff, 'T', ' ', '/', 'a', 0, 'b', '\n', 'c', '\r', 'd', ' '});
        expected.writeBytes("HTTP/1.1\r\nX-Raw: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        expected.writeBytes(new byte[] {0x1b, '[', '2', 'J', (byte) 0x85, (byte) 0x9b,
            (byte) 0xe2, (byte) 0x80, (byte) 0xae, '\r', '\n', '\r', '\n'});
        assertArrayEquals(expected.toByteArray(), bytes);
    }

    @Test
    void refusesACharThatIsNotAByte() {
        RawRequest request = RawRequest.get("/app/\u202e").build();
        assertThrows(IllegalArgumentException.class, () -> request.toBytes("127.0.0.1:1"));
    }
}
