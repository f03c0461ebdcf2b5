package dev.wsguard.startupwars;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.server.WorkDirs;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.war.WarContainer;
import dev.wsguard.testkit.war.WarContainer.WebSocket;
import dev.wsguard.testkit.war.WarDirs;
import dev.wsguard.testkit.war.WebApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * wsguard's webapp scan (WSG11, WSG12) reads every jar in {@code WEB-INF/lib} as a stream, entry after entry.
 * A jar entry that is huge once inflated yet tiny on disk (zeros compress about 1000:1) must not hold up
 * WSG00 beyond the scan's time budget, and must not slow the deployment, which the scan is kept off.
 */
class ScanBoundsWarTest {

    private static final String CONTEXT = "/app";

    /**
     * 3.5 GiB of zeros in 3.6 MiB: inflating it takes some seconds even on a fast idle machine (about 20 s on
     * a loaded 2-core one), more than {@link #SCAN_BUDGET} plus {@link #GRACE}, so a scan that reads through
     * it unbounded fails here. Below 4 GiB, a plain (not ZIP64) entry.
     */
    private static final long ZEROS_MIB = 3584;

    /** The scan's own time budget (filter: WebappScanner.Budget.standard()), after which it stops and says so. */
    private static final Duration SCAN_BUDGET = Duration.ofSeconds(5);

    /** Starting wsguard's thread and writing the line, on a loaded machine. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    /**
     * How much longer the deployment with the jar may take than without it: run-to-run noise of one deployment
     * on a loaded machine (3 to 4 s each there), below what reading the entry on the deployment's thread adds
     * even within the scan's budget (5 s; unbounded, 15 to 22 s were measured).
     */
    private static final Duration DEPLOY_SLACK = Duration.ofSeconds(2);

    @ParameterizedTest(name = "{0}")
    @EnumSource(WarContainer.class)
    void aJarWithAHugeCompressibleEntryDelaysNeitherWsg00NorTheDeployment(WarContainer container) throws Exception {
        Path zeros = zerosJar();
        try (WarDirs dirs = new WarDirs()) {
            // The plain WAR first: it also pays for whatever this JVM has not loaded yet, in the jar's favour.
            Deployed plain = deploy(container, StartupCodesWarTest.guardedEchoApp()
                    .build(dirs.next("plain")));
            Deployed bomb = deploy(container, StartupCodesWarTest.guardedEchoApp()
                    .libJar(zeros).build(dirs.next("zeros")));
            String figures = container + ": deployment " + plain.deploy.toMillis() + " ms without the jar, "
                    + bomb.deploy.toMillis() + " ms with it; WSG00 " + bomb.wsg00AfterDeploy.toMillis()
                    + " ms after the deployment with it; WSG00: " + bomb.wsg00;
            System.out.println("[scan bounds] " + figures);
            assertTrue(bomb.wsg00.contains("2 jars scanned") || bomb.wsg00.contains("scan incomplete"),
                    () -> "the scan must have opened the jar (or said why it stopped): " + figures);
            assertTrue(bomb.deploy.compareTo(plain.deploy.plus(DEPLOY_SLACK)) <= 0,
                    () -> "the jar slowed the deployment: " + figures);
        }
    }

    /** One deployment: how long the container took to start it, and when WSG00 came after that. */
    private record Deployed(Duration deploy, Duration wsg00AfterDeploy, String wsg00) {
    }

    private static Deployed deploy(WarContainer container, Path war) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach()) {
            long start = System.nanoTime();
            try (RunningServer server = container.start(WebSocket.ON, WebApp.at(CONTEXT, war))) {
                long deployed = System.nanoTime();
                // Fails here, naming the wait, when the scan holds WSG00 up beyond its budget.
                String wsg00 = log.awaitCode("WSG00", SCAN_BUDGET.plus(GRACE));
                return new Deployed(Duration.ofNanos(deployed - start), Duration.ofNanos(System.nanoTime() - deployed),
                        wsg00);
            }
        }
    }

    // ---- the jar: one entry of zeros, written without deflating gigabytes --------------------------

    private static final String ENTRY = "assets/zeros.bin";
    private static final int MIB = 1 << 20;

    /** The jar in target/it-wars, written once per build directory (3.6 MiB, about a second to make). */
    static synchronized Path zerosJar() throws IOException {
        Path jar = WorkDirs.target().resolve("it-wars").resolve("zeros-" + ZEROS_MIB + "mib.jar");
        if (!Files.isRegularFile(jar)) {
            Files.createDirectories(jar.getParent());
            Path partial = Files.createTempFile(jar.getParent(), "zeros-", ".partial");
            try (OutputStream out = Files.newOutputStream(partial)) {
                writeZerosJar(out, ZEROS_MIB);
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
    static void writeZerosJar(OutputStream out, long mib) throws IOException {
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
