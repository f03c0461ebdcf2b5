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

    @ParameterizedTest(name = "[{0}] is only [{1}]: {2}")
    @CsvSource(delimiter = '|', value = {
        "close|close|true",
        "close, close|close|true",
        " Close ,|close|true",
        "close, keep-alive|close|false",
        "''|close|false",
    })
    void onlyToken(String value, String token, boolean expected) {
        assertEquals(expected, HeaderTokens.onlyToken(value, token));
    }

    @org.junit.jupiter.api.Test
    void nullIsNoToken() {
        assertEquals(false, HeaderTokens.containsToken(null, "upgrade"));
        assertEquals(false, HeaderTokens.onlyToken(null, "close"));
    }
}
