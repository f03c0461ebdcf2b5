package dev.wsguard.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void stringsAreEscapedAndStayInertInHtml() {
        String value = "WSG01 GET /a\"b\\c\r\n\u0000\u001b</script><b>&\u2028";
        String json = Json.string(new StringBuilder(), value).toString();
        assertEquals("\"WSG01 GET /a\\\"b\\\\c\\r\\n\\u0000\\u001b\\u003c/script\\u003e\\u003cb\\u003e\\u0026\\u2028\"", json);
        // And a real JSON parser reads back exactly what went in.
        assertEquals(value, JsonParser.parseString(json).getAsString());
    }

    @Test
    void nullIsJsonNull() {
        assertEquals("\"code\":null", Json.field(new StringBuilder(), "code", null).toString());
        assertEquals("\"seq\":42", Json.field(new StringBuilder(), "seq", 42).toString());
    }
}
