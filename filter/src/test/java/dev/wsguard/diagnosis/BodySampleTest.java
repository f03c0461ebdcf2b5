package dev.wsguard.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BodySampleTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "''|an empty body",
        "'  '|an empty body",
        "<!doctype html><html><head><title>SPA</title></head><body><div id=\"root\"></div>|an HTML page titled 'SPA' that looks like a single-page-app shell",
        "<html><head><title>Sign in</title></head><body><form><input type=\"password\">|an HTML page titled 'Sign in' that looks like a login page",
        "<!DOCTYPE html><html><body>hello|an HTML page",
        "{\"error\":\"x\"}|a JSON document",
        "[1,2]|a JSON document",
        "<?xml version=\"1.0\"?><a/>|an XML document",
        "hello from the root servlet|text starting 'hello from the root servlet'",
    })
    void describes(String body, String expected) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertEquals(expected, BodySample.ofBytes(bytes, bytes.length, "UTF-8").describe());
        char[] chars = body.toCharArray();
        assertEquals(expected, BodySample.ofChars(chars, chars.length).describe());
    }

    @org.junit.jupiter.api.Test
    void badCharsetAndControlCharactersAreHarmless() {
        byte[] bytes = "<title>a\r\nb\u001b[31m</title><html>".getBytes(StandardCharsets.UTF_8);
        assertEquals("an HTML page titled 'a b\\x1b[31m'", BodySample.ofBytes(bytes, bytes.length, "no-such").describe());
        byte[] invalid = {(byte) 0xff, (byte) 0xfe, 'x'};
        assertEquals("text starting '\ufffd\ufffdx'", BodySample.ofBytes(invalid, 3, "UTF-8").describe());
    }
}
