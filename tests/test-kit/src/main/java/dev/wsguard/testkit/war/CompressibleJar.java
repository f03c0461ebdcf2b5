package dev.wsguard.testkit.war;

import dev.wsguard.testkit.server.WorkDirs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A jar whose one entry is huge once inflated yet tiny on disk (zeros compress about 1000:1), for a
 * {@code WEB-INF/lib}: what a scan that reads jars entry after entry must stay bounded against.
 */
public final class CompressibleJar {

    private CompressibleJar() {
    }

    private static final String ENTRY = "assets/zeros.bin";
    private static final int MIB = 1 << 20;

    /**
     * A jar in target/it-wars with one entry of {@code mib} MiB of zeros, written once per build directory (3.6 MiB
     * for 3.5 GiB, about a second to make).
     */
    public static synchronized Path ofZeros(long mib) throws IOException {
        Path jar = WorkDirs.target().resolve("it-wars").resolve("zeros-" + mib + "mib.jar");
        if (!Files.isRegularFile(jar)) {
            Files.createDirectories(jar.getParent());
            Path partial = Files.createTempFile(jar.getParent(), "zeros-", ".partial");
            try (OutputStream out = Files.newOutputStream(partial)) {
                writeZerosJar(out, mib);
            }
            Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return jar;
    }

    /**
     * A jar with one deflated entry of {@code mib} MiB of zeros. A full flush resets the compressor, so every
     * MiB of zeros compresses to the same bytes: one MiB is deflated (twice, to check that) and its bytes
     * written {@code mib} times, then the final block. Zip format by hand (APPNOTE 4.3), since
     * {@code ZipOutputStream} only writes what it deflated itself.
     */
    private static void writeZerosJar(OutputStream out, long mib) throws IOException {
        byte[] zeros = new byte[MIB];
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] chunk;
        byte[] tail;
        try {
            chunk = flushed(deflater, zeros, Deflater.FULL_FLUSH);
            if (!Arrays.equals(chunk, flushed(deflater, zeros, Deflater.FULL_FLUSH))) {
                throw new IllegalStateException("this zlib does not repeat a fully flushed MiB of zeros");
            }
            deflater.finish();
            tail = flushed(deflater, new byte[0], Deflater.NO_FLUSH);
        } finally {
            deflater.end();
        }
        CRC32 crc = new CRC32();
        for (long i = 0; i < mib; i++) {
            crc.update(zeros);
        }
        long size = mib * MIB;
        long compressed = mib * chunk.length + tail.length;
        byte[] name = ENTRY.getBytes(StandardCharsets.UTF_8);

        ByteBuffer local = header(30 + name.length).putInt(0x04034b50).putShort((short) 20).putShort((short) 0)
                .putShort((short) 8).putShort((short) 0).putShort(DOS_DATE).putInt((int) crc.getValue())
                .putInt((int) compressed).putInt((int) size).putShort((short) name.length).putShort((short) 0)
                .put(name);
        out.write(local.array());
        for (long i = 0; i < mib; i++) {
            out.write(chunk);
        }
        out.write(tail);
        long centralOffset = local.capacity() + compressed;
        ByteBuffer central = header(46 + name.length).putInt(0x02014b50).putShort((short) 20).putShort((short) 20)
                .putShort((short) 0).putShort((short) 8).putShort((short) 0).putShort(DOS_DATE)
                .putInt((int) crc.getValue()).putInt((int) compressed).putInt((int) size).putShort((short) name.length)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(0)
                .put(name);
        out.write(central.array());
        out.write(header(22).putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 1)
                .putShort((short) 1).putInt(central.capacity()).putInt((int) centralOffset).putShort((short) 0)
                .array());
    }

    /** 1980-01-01, the first date a zip entry can carry. */
    private static final short DOS_DATE = (1 << 5) | 1;

    private static ByteBuffer header(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Everything the deflater gives for {@code input} with this flush mode (all of it, once finished). */
    private static byte[] flushed(Deflater deflater, byte[] input, int flush) {
        deflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        // Bounded: one MiB of zeros deflates to about 1 KiB; a deflater that never drains fails instead.
        for (int rounds = 0; rounds < 1024; rounds++) {
            int n = deflater.deflate(buffer, 0, buffer.length, flush);
            out.write(buffer, 0, n);
            if (n < buffer.length && (deflater.needsInput() || deflater.finished())) {
                return out.toByteArray();
            }
        }
        throw new IllegalStateException("the deflater did not drain");
    }
}
