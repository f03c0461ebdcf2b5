package dev.wsguard.startup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads just enough of a class file (JVMS chapter 4) to tell what it is: its name, superclass,
 * interfaces and class-level runtime-visible annotations with their string values. No class is
 * loaded. {@link #read} first looks for marker strings in the constant pool and stops there when
 * none is present, which is the case for almost every class and keeps the scan cheap.
 */
final class ClassFileReader {

    /** What a class file says about itself. Names use '/' as in class files. */
    static final class ClassInfo {
        private final String name;
        private final String superName;
        private final List<String> interfaces;
        private final Map<String, Map<String, String>> annotations;

        ClassInfo(String name, String superName, List<String> interfaces,
                Map<String, Map<String, String>> annotations) {
            this.name = name;
            this.superName = superName;
            this.interfaces = interfaces;
            this.annotations = annotations;
        }

        String name() {
            return name;
        }

        /** The binary name with dots, e.g. {@code com.example.Chat}. */
        String className() {
            return name.replace('/', '.');
        }

        String superName() {
            return superName;
        }

        List<String> interfaces() {
            return interfaces;
        }

        /** Annotation descriptor ({@code Ljavax/websocket/server/ServerEndpoint;}) to its string-valued elements. */
        Map<String, Map<String, String>> annotations() {
            return annotations;
        }
    }

    private static final int MAGIC = 0xCAFEBABE;

    private final byte[] b;
    private int pos;
    private int[] offsets;
    private byte[] tags;

    private ClassFileReader(byte[] bytes) {
        this.b = bytes;
    }

    /**
     * The class described by {@code bytes}, or null when none of the marker strings occurs in its
     * constant pool.
     *
     * @throws IllegalArgumentException if the bytes are not a well-formed class file
     */
    static ClassInfo read(byte[] bytes, List<byte[]> markers) {
        ClassFileReader r = new ClassFileReader(bytes);
        try {
            return r.parse(markers);
        } catch (ArrayIndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("truncated or malformed class file", e);
        }
    }

    /** A marker as the constant pool stores it (ASCII names are the same in modified UTF-8). */
    static byte[] marker(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private ClassInfo parse(List<byte[]> markers) {
        if (u4() != MAGIC) {
            throw new IllegalArgumentException("not a class file");
        }
        pos += 4;
        int count = u2();
        offsets = new int[count];
        tags = new byte[count];
        boolean marked = markers.isEmpty();
        for (int i = 1; i < count; i++) {
            int tag = b[pos] & 0xff;
            tags[i] = (byte) tag;
            offsets[i] = pos + 1;
            pos++;
            switch (tag) {
                case 1:
                    int len = u2();
                    if (!marked && matchesAny(pos, len, markers)) {
                        marked = true;
                    }
                    pos += len;
                    break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                    pos += 4;
                    break;
                case 5: case 6:
                    pos += 8;
                    i++;
                    break;
                case 7: case 8: case 16: case 19: case 20:
                    pos += 2;
                    break;
                case 15:
                    pos += 3;
                    break;
                default:
                    throw new IllegalArgumentException("unknown constant pool tag " + tag);
            }
        }
        if (!marked) {
            return null;
        }
        pos += 2;
        String name = className(u2());
        int superIndex = u2();
        String superName = superIndex == 0 ? null : className(superIndex);
        int interfaceCount = u2();
        List<String> interfaces = new ArrayList<>(interfaceCount);
        for (int i = 0; i < interfaceCount; i++) {
            interfaces.add(className(u2()));
        }
        skipMembers();
        skipMembers();
        Map<String, Map<String, String>> annotations = Collections.emptyMap();
        int attributes = u2();
        for (int i = 0; i < attributes; i++) {
            String attributeName = utf8(u2());
            int length = u4();
            int end = pos + length;
            if (attributeName.equals("RuntimeVisibleAnnotations")) {
                annotations = annotations();
            }
            pos = end;
        }
        return new ClassInfo(name, superName, Collections.unmodifiableList(interfaces), annotations);
    }

    private boolean matchesAny(int at, int len, List<byte[]> markers) {
        for (byte[] m : markers) {
            if (m.length == len) {
                boolean same = true;
                for (int k = 0; k < len && same; k++) {
                    same = b[at + k] == m[k];
                }
                if (same) {
                    return true;
                }
            }
        }
        return false;
    }

    private void skipMembers() {
        int count = u2();
        for (int i = 0; i < count; i++) {
            pos += 6;
            int attributes = u2();
            for (int a = 0; a < attributes; a++) {
                pos += 2;
                int length = u4();
                pos += length;
            }
        }
    }

    private Map<String, Map<String, String>> annotations() {
        int count = u2();
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String type = utf8(u2());
            result.put(type, elements());
        }
        return result;
    }

    private Map<String, String> elements() {
        int pairs = u2();
        Map<String, String> values = new LinkedHashMap<>();
        for (int p = 0; p < pairs; p++) {
            String element = utf8(u2());
            String value = elementValue();
            if (value != null) {
                values.put(element, value);
            }
        }
        return values;
    }

    /** Reads one element_value; returns it only when it is a string constant. */
    private String elementValue() {
        int tag = b[pos++] & 0xff;
        switch (tag) {
            case 's':
                return utf8(u2());
            case 'B': case 'C': case 'D': case 'F': case 'I': case 'J': case 'S': case 'Z': case 'c':
                pos += 2;
                return null;
            case 'e':
                pos += 4;
                return null;
            case '@':
                pos += 2;
                elements();
                return null;
            case '[':
                int n = u2();
                for (int i = 0; i < n; i++) {
                    elementValue();
                }
                return null;
            default:
                throw new IllegalArgumentException("unknown element value tag " + tag);
        }
    }

    private String className(int classIndex) {
        if (classIndex <= 0 || classIndex >= tags.length || tags[classIndex] != 7) {
            throw new IllegalArgumentException("bad class index " + classIndex);
        }
        int at = offsets[classIndex];
        return utf8(((b[at] & 0xff) << 8) | (b[at + 1] & 0xff));
    }

    private String utf8(int index) {
        if (index <= 0 || index >= tags.length || tags[index] != 1) {
            throw new IllegalArgumentException("bad utf8 index " + index);
        }
        int at = offsets[index];
        int len = ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
        // Modified UTF-8 differs from UTF-8 only for NUL and supplementary characters, neither of
        // which occurs in the names and paths this reader is asked for.
        return new String(b, at + 2, len, StandardCharsets.UTF_8);
    }

    private int u2() {
        int v = ((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    private int u4() {
        int v = ((b[pos] & 0xff) << 24) | ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
        pos += 4;
        return v;
    }
}
