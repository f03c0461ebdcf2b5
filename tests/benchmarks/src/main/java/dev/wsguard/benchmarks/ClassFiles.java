package dev.wsguard.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes minimal valid class files: a public class extending {@code java.lang.Object} with no fields and
 * no methods, optionally carrying a {@code RuntimeVisibleAnnotations} attribute with one annotation
 * without elements. Enough for annotation scanners (Jetty's ASM, wsguard's constant-pool reader) to
 * parse; never instantiated.
 */
public final class ClassFiles {

    /** Java 11's class file version: what a WAR built for Java 11 contains. */
    public static final int MAJOR_VERSION = 55;

    private static final int MAGIC = 0xCAFEBABE;
    private static final int CONSTANT_UTF8 = 1;
    private static final int CONSTANT_CLASS = 7;
    private static final int ACC_PUBLIC = 0x0001;
    private static final int ACC_SUPER = 0x0020;

    private ClassFiles() {
    }

    /**
     * A class file.
     *
     * @param internalName  the class's name with slashes ({@code bench/p01/C0001})
     * @param annotationType an annotation's descriptor ({@code Ljava/lang/Deprecated;}), or null for none
     */
    public static byte[] write(String internalName, String annotationType) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeShort(0);
            out.writeShort(MAJOR_VERSION);
            // Constant pool: #1 Utf8 this, #2 Class #1, #3 Utf8 super, #4 Class #3
            // [, #5 Utf8 "RuntimeVisibleAnnotations", #6 Utf8 annotation descriptor]
            boolean annotated = annotationType != null;
            out.writeShort(annotated ? 7 : 5); // constant_pool_count is the number of entries plus one
            utf8(out, internalName);
            classRef(out, 1);
            utf8(out, "java/lang/Object");
            classRef(out, 3);
            if (annotated) {
                utf8(out, "RuntimeVisibleAnnotations");
                utf8(out, annotationType);
            }
            out.writeShort(ACC_PUBLIC | ACC_SUPER);
            out.writeShort(2); // this_class
            out.writeShort(4); // super_class
            out.writeShort(0); // interfaces_count
            out.writeShort(0); // fields_count
            out.writeShort(0); // methods_count
            if (annotated) {
                out.writeShort(1); // attributes_count
                out.writeShort(5); // attribute_name_index: RuntimeVisibleAnnotations
                out.writeInt(6);   // attribute_length: num_annotations (2) + one annotation (2 + 2)
                out.writeShort(1); // num_annotations
                out.writeShort(6); // type_index
                out.writeShort(0); // num_element_value_pairs
            } else {
                out.writeShort(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void utf8(DataOutputStream out, String value) throws IOException {
        byte[] b = value.getBytes(StandardCharsets.UTF_8); // ASCII names only: modified UTF-8 is the same
        out.writeByte(CONSTANT_UTF8);
        out.writeShort(b.length);
        out.write(b);
    }

    private static void classRef(DataOutputStream out, int nameIndex) throws IOException {
        out.writeByte(CONSTANT_CLASS);
        out.writeShort(nameIndex);
    }
}
