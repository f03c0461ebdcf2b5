package dev.wsguard.javax;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a class file's constant pool the javax jar is checked on: every UTF-8 constant (names, descriptors,
 * strings), and every field and method reference with its owner. Java 17 has no class-file API, and a dependency
 * for this would be the only one of the module.
 */
final class ConstantPool {

    /** A field ({@code field} true) or method reference: owner as a binary name with slashes, name, descriptor. */
    record MemberRef(boolean field, String owner, String name, String descriptor) {
        @Override
        public String toString() {
            return owner.replace('/', '.') + "." + name + descriptor;
        }
    }

    private final String[] utf8;
    private final int[][] refs;
    private final int[] classNames;

    private ConstantPool(String[] utf8, int[][] refs, int[] classNames) {
        this.utf8 = utf8;
        this.refs = refs;
        this.classNames = classNames;
    }

    static ConstantPool read(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[][] refs = new int[count][];
        int[] classNames = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1: utf8[i] = in.readUTF(); break;
                case 7: classNames[i] = in.readUnsignedShort(); break;
                case 9: case 10: case 11: refs[i] = new int[] {tag, in.readUnsignedShort(), in.readUnsignedShort()}; break;
                case 12: refs[i] = new int[] {tag, in.readUnsignedShort(), in.readUnsignedShort()}; break;
                case 3: case 4: in.readInt(); break;
                case 5: case 6: in.readLong(); i++; break;
                case 8: case 16: case 19: case 20: in.readUnsignedShort(); break;
                case 15: in.readUnsignedByte(); in.readUnsignedShort(); break;
                case 17: case 18: in.readInt(); break;
                default: throw new IOException("unknown constant tag " + tag + " at " + i);
            }
        }
        return new ConstantPool(utf8, refs, classNames);
    }

    /** Every UTF-8 constant: class and member names, descriptors, signatures, string literals. */
    List<String> utf8() {
        List<String> all = new ArrayList<>();
        for (String s : utf8) {
            if (s != null) {
                all.add(s);
            }
        }
        return all;
    }

    /** Every Fieldref, Methodref and InterfaceMethodref. */
    List<MemberRef> memberRefs() {
        List<MemberRef> all = new ArrayList<>();
        for (int[] ref : refs) {
            if (ref == null || ref[0] == 12) {
                continue;
            }
            int[] nameAndType = refs[ref[2]];
            all.add(new MemberRef(ref[0] == 9, utf8[classNames[ref[1]]], utf8[nameAndType[1]], utf8[nameAndType[2]]));
        }
        return all;
    }
}
