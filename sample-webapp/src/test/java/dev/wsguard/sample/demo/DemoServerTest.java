package dev.wsguard.sample.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoServerTest {

    @Test
    void portsInRangeAreAccepted() {
        assertEquals(0, DemoServer.parsePort("0"));
        assertEquals(8080, DemoServer.parsePort(" 8080 "));
        assertEquals(65535, DemoServer.parsePort("65535"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "65536", "http", ""})
    void badPortsAreRefusedWithTheAllowedRange(String port) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DemoServer.parsePort(port));
        assertEquals("-Dport=" + port + " is not a port: use 0 to 65535 (0 = any free port)", e.getMessage());
    }
}
