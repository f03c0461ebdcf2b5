package dev.wsguard.probe;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The probe run in-process as {@code java -jar} runs it, its output captured; no console, so no colour. */
record ProbeRun(int exit, String out, String err, long millis) {

    static ProbeRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Cli.run(args, o, e, Map.of(), false);
        }
        long millis = (System.nanoTime() - start) / 1_000_000L;
        return new ProbeRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), millis);
    }

    /** No byte the server sent may reach a terminal as a control character: only line ends are allowed. */
    ProbeRun assertNoControlCharacters() {
        String all = out + err;
        for (int i = 0; i < all.length(); i++) {
            char c = all.charAt(i);
            if ((c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029) {
                fail("control character U+" + Integer.toHexString(c) + " at " + i + " in:\n" + all);
            }
        }
        return this;
    }

    @Override
    public String toString() {
        return "exit " + exit + " in " + millis + " ms\n" + out + err;
    }
}
