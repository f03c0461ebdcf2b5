package dev.wsguard.startup;

import dev.wsguard.text.Namespace;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Tells a javax.websocket endpoint from its class file, without loading it: a {@code @ServerEndpoint} class, an
 * {@code Endpoint} subclass or a {@code ServerApplicationConfig}. Almost no class mentions javax.websocket at all,
 * so a byte search throws those out before any parsing.
 */
final class JavaxClasses {

    /** The package of the javax.websocket API, as class files and jar entries name it. */
    static final String PACKAGE = Namespace.otherPath("websocket/");

    private static final String SERVER_ENDPOINT = "L" + PACKAGE + "server/ServerEndpoint;";
    private static final String ENDPOINT = PACKAGE + "Endpoint";
    /** How javax programmatic endpoints get deployed, whatever class they extend on the way to Endpoint. */
    private static final String APPLICATION_CONFIG = PACKAGE + "server/ServerApplicationConfig";
    private static final List<byte[]> MARKERS = Arrays.asList(ClassFileReader.marker(SERVER_ENDPOINT),
            ClassFileReader.marker(ENDPOINT), ClassFileReader.marker(APPLICATION_CONFIG));
    /** Common to every marker: a class without these bytes anywhere cannot be a javax endpoint. */
    private static final byte[] PREFILTER = ClassFileReader.marker(PACKAGE);

    private JavaxClasses() {
    }

    /**
     * The javax endpoint the class file in {@code bytes[0, length)} declares, or null.
     *
     * @throws IllegalArgumentException if it mentions javax.websocket but is no well-formed class file
     */
    static JavaxEndpoint endpointIn(byte[] bytes, int length, String location) {
        if (!contains(bytes, length, PREFILTER)) {
            return null;
        }
        ClassFileReader.ClassInfo info = ClassFileReader.read(Arrays.copyOf(bytes, length), MARKERS);
        if (info == null) {
            return null;
        }
        Map<String, String> annotation = info.annotations().get(SERVER_ENDPOINT);
        if (annotation != null) {
            return JavaxEndpoint.annotated(info.className(), annotation.get("value"), location);
        }
        if (ENDPOINT.equals(info.superName())) {
            return JavaxEndpoint.programmatic(info.className(), location);
        }
        if (info.interfaces().contains(APPLICATION_CONFIG)) {
            return JavaxEndpoint.applicationConfig(info.className(), location);
        }
        return null;
    }

    /** Whether {@code needle} occurs in {@code bytes[0, length)}. */
    static boolean contains(byte[] bytes, int length, byte[] needle) {
        byte first = needle[0];
        int last = length - needle.length;
        for (int i = 0; i <= last; i++) {
            if (bytes[i] != first) {
                continue;
            }
            int k = 1;
            while (k < needle.length && bytes[i + k] == needle[k]) {
                k++;
            }
            if (k == needle.length) {
                return true;
            }
        }
        return false;
    }
}
