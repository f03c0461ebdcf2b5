package dev.wsguard.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MainTest {

    private static final Instant TIME = Instant.parse("2026-12-07T00:00:00Z");

    @Test
    void outputTimestampIsReadInBothOfMavensForms() {
        assertEquals(TIME, Main.instant("2026-12-07T00:00:00Z"));
        assertEquals(TIME, Main.instant("2026-12-07T01:00:00+01:00"));
        assertEquals(TIME, Main.instant(Long.toString(TIME.getEpochSecond())));
    }
}
