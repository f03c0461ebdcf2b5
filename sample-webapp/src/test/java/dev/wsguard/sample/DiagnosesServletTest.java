package dev.wsguard.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DiagnosesServletTest {

    @Test
    void afterDefaultsToEverything() {
        assertEquals(0, DiagnosesServlet.parseAfter(null));
        assertEquals(0, DiagnosesServlet.parseAfter(""));
        assertEquals(17, DiagnosesServlet.parseAfter("17"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "x", "1e3", "99999999999999999999"})
    void afterMustBeASequenceNumber(String value) {
        assertThrows(IllegalArgumentException.class, () -> DiagnosesServlet.parseAfter(value));
    }

    @Test
    void pageIsValidJsonWithEveryField() {
        DiagnosisFeed.Page page = new DiagnosisFeed.Page(9, List.of(
                new DiagnosisFeed.Entry(8, 1000L, "WARNING", "WSG01", "WSG01 GET /demo/<ecco> \"x\""),
                new DiagnosisFeed.Entry(9, 2000L, "INFO", null, "no code")));
        JsonObject json = JsonParser.parseString(DiagnosesServlet.toJson(page).toString()).getAsJsonObject();
        assertEquals(9, json.get("latest").getAsLong());
        JsonObject first = json.getAsJsonArray("records").get(0).getAsJsonObject();
        assertEquals(8, first.get("seq").getAsLong());
        assertEquals(1000L, first.get("millis").getAsLong());
        assertEquals("WARNING", first.get("level").getAsString());
        assertEquals("WSG01", first.get("code").getAsString());
        assertEquals("WSG01 GET /demo/<ecco> \"x\"", first.get("line").getAsString());
        assertTrue(json.getAsJsonArray("records").get(1).getAsJsonObject().get("code").isJsonNull());
    }
}
