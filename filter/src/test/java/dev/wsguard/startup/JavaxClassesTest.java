package dev.wsguard.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JavaxClassesTest {

    @Test
    void byteSearchFindsTheNeedleAnywhereAndOnlyThere() {
        byte[] hay = "abcjavax/websocket/x".getBytes();
        assertTrue(JavaxClasses.contains(hay, hay.length, "javax/websocket/".getBytes()));
        assertEquals(false, JavaxClasses.contains(hay, hay.length - 2, "javax/websocket/".getBytes()));
        assertEquals(false, JavaxClasses.contains(hay, hay.length, "javax/websockets".getBytes()));
    }
}
