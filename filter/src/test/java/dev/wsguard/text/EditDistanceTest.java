package dev.wsguard.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EditDistanceTest {

    @ParameterizedTest(name = "{0} -> {1} = {2}")
    @CsvSource({
        "echo, echo, 0",
        "ecco, echo, 1",
        "echo2, echo, 1",
        "eho, echo, 1",
        "ehco, echo, 1",
        "chat, echo, 3",
        "'', abc, 3",
        "abc, '', 3",
        "kitten, sitting, 3",
    })
    void distance(String a, String b, int expected) {
        assertEquals(expected, EditDistance.between(a, b));
        assertEquals(expected, EditDistance.between(b, a));
    }

    @org.junit.jupiter.api.Test
    void ignoringCase() {
        assertEquals(0, EditDistance.between("Buffer-Limit", "buffer-limit", true));
        assertEquals(2, EditDistance.between("Buffer-Limit", "buffer-limit", false));
        assertEquals(1, EditDistance.between("xmode", 1, 5, "mod", false));
    }
}
