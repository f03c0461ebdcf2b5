package dev.wsguard.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeaderTokensTest {

    @ParameterizedTest(name = "[{0}] contains [{1}]: {2}")
    @CsvSource(delimiter = '|', value = {
        "Upgrade|upgrade|true",
        "keep-alive, Upgrade|upgrade|true",
        "keep-alive,Upgrade|upgrade|true",
        "  UPGRADE  |upgrade|true",
        "Upgrade\t, close|close|true",
        "websocket; q=1|websocket|true",
        "keep-alive|upgrade|false",
        "upgrades|upgrade|false",
        "x-upgrade|upgrade|false",
        "''|upgrade|false",
        ",,,|upgrade|false",
        "h2c, WebSocket|websocket|true",
        "web socket|websocket|false",
    })
    void containsToken(String value, String token, boolean expected) {
        assertEquals(expected, HeaderTokens.containsToken(value, token));
    }

    @org.junit.jupiter.api.Test
    void nullIsNoToken() {
        assertEquals(false, HeaderTokens.containsToken(null, "upgrade"));
    }
}
