package dev.wsguard.reliability.app;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A downstream that misbehaves, one way per path under {@code /fault/}; every answer is 200 text/plain, the answer
 * wsguard must diagnose as a misrouted upgrade (WSG01), so each fault shows what wsguard makes of a 200 gone wrong:
 * <ul>
 * <li>{@code throw-after-write}: writes a few bytes, then throws;</li>
 * <li>{@code flush-early}: writes, calls {@code flushBuffer()} before wsguard has decided, writes again;</li>
 * <li>{@code big}: writes {@link #BIG_BODY} bytes of {@link #payload} in odd-sized pieces (single bytes among them),
 * more than the {@code buffer-limit} the tests set;</li>
 * <li>{@code async}: starts async and answers on another thread {@link #ASYNC_DELAY_MS} ms after the chain
 * returned;</li>
 * <li>{@code endless}: writes and flushes 8 KiB pieces until the client goes away (bounded: {@link #ENDLESS_MAX}),
 * then reports how its last write ended on {@link #ENDLESS_OUTCOMES}.</li>
 * </ul>
 */
public class FaultServlet extends HttpServlet {

    public static final int BIG_BODY = 300_000;
    public static final long ASYNC_DELAY_MS = 150;
    public static final String ASYNC_BODY = "answered later, on another thread\n";
    public static final String EARLY = "flushed early; ";
    public static final String LATE = "written after the flush\n";
    public static final int ENDLESS_MAX = 64 * 1024 * 1024;

    /** How each {@code endless} answer ended: the exception class its write met, or "completed". */
    public static final BlockingQueue<String> ENDLESS_OUTCOMES = new ArrayBlockingQueue<>(64);

    /** The fault's own exception, so the tests can tell it from anything wsguard would throw. */
    public static final class Boom extends RuntimeException {
        public Boom() {
            super("downstream failed after writing (deliberate)");
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String fault = String.valueOf(request.getPathInfo()).replaceFirst("^/([^/]*).*", "$1");
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/plain;charset=UTF-8");
        switch (fault) {
            case "throw-after-write" -> {
                response.getOutputStream().write("half an answer".getBytes(StandardCharsets.UTF_8));
                throw new Boom();
            }
            case "flush-early" -> {
                ServletOutputStream out = response.getOutputStream();
                out.write(EARLY.getBytes(StandardCharsets.UTF_8));
                response.flushBuffer();
                out.write(LATE.getBytes(StandardCharsets.UTF_8));
            }
            case "big" -> writeBig(response.getOutputStream());
            case "async" -> {
                AsyncContext async = request.startAsync();
                async.setTimeout(10_000);
                Thread later = new Thread(() -> {
                    try {
                        TimeUnit.MILLISECONDS.sleep(ASYNC_DELAY_MS);
                        async.getResponse().getOutputStream().write(ASYNC_BODY.getBytes(StandardCharsets.UTF_8));
                    } catch (IOException | InterruptedException e) {
                        // The test sees a missing answer; nothing to report here.
                    } finally {
                        async.complete();
                    }
                }, "fault-async-answer");
                later.setDaemon(true);
                later.start();
            }
            case "endless" -> writeUntilGone(response);
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND, "no such fault");
        }
    }

    /** Odd piece sizes, single bytes among them, so a hold-back that reorders or repeats a piece shows. */
    private static void writeBig(ServletOutputStream out) throws IOException {
        byte[] body = payload(BIG_BODY);
        int[] pieces = {1, 4095, 1, 7, 65_536, 3, 12_289};
        int at = 0;
        for (int i = 0; at < body.length; i++) {
            int n = Math.min(pieces[i % pieces.length], body.length - at);
            if (n == 1) {
                out.write(body[at]);
            } else {
                out.write(body, at, n);
            }
            at += n;
        }
    }

    private static void writeUntilGone(HttpServletResponse response) throws IOException {
        byte[] piece = payload(8192);
        String outcome = "completed";
        try {
            ServletOutputStream out = response.getOutputStream();
            for (int written = 0; written < ENDLESS_MAX; written += piece.length) {
                out.write(piece);
                out.flush();
            }
        } catch (IOException e) {
            outcome = e.getClass().getName();
            throw e;
        } finally {
            ENDLESS_OUTCOMES.offer(outcome);
        }
    }

    /** {@code n} pseudo-random bytes, the same for a given {@code n} on server and client. */
    public static byte[] payload(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
