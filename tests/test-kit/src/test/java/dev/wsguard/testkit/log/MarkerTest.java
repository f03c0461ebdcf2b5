package dev.wsguard.testkit.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkerTest {

    @Test
    void aNextMarkerGoesTheSameWayToTheSameContextOnAPathOfItsOwn() throws Exception {
        List<String> sent = new ArrayList<>();
        Marker first = Marker.using("/app", path -> {
            sent.add(path);
            return "HTTP/1.1 200 OK";
        });
        Marker next = first.next();
        assertTrue(next.path().startsWith("/app/wsguard-marker-"), next.path());
        assertNotEquals(first.path(), next.path());
        next.send();
        assertEquals(List.of(next.path()), sent);
        assertTrue(Marker.using("", path -> "").next().path().startsWith("/wsguard-marker-"));
    }

    @Test
    void onlyAConnectorsRefusalOfItsSizeCountsAsNeverReachingWsguard() {
        assertTrue(Marker.refusedBeforeAnyFilter("HTTP/1.1 431 Request Header Fields Too Large"));
        assertTrue(Marker.refusedBeforeAnyFilter("HTTP/1.1 414 URI Too Long"));
        // wsguard's own refusals and every ordinary answer are logged.
        assertFalse(Marker.refusedBeforeAnyFilter("HTTP/1.1 400 Bad Request"));
        assertFalse(Marker.refusedBeforeAnyFilter("HTTP/1.1 200 OK"));
        assertFalse(Marker.refusedBeforeAnyFilter(null));
    }
}
