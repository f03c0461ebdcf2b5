package dev.wsguard.testkit.log;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Assertions on wsguard's log lines: a code, and the phrases that make the line useful (cause and fix). Startup
 * lines first, per-request lines too (the proxy tests).
 */
public final class LineAssertions {

    private LineAssertions() {
    }

    /**
     * Waits for the first line with {@code code} and checks that it contains every phrase; one failure
     * message names all phrases missing and shows everything logged.
     */
    public static String assertLine(GuardLogCapture log, String code, String... phrases) throws InterruptedException {
        String line = log.awaitCode(code);
        assertMentions(log, code, line, phrases);
        return line;
    }

    /**
     * Waits (at most {@link GuardLogCapture#APPEAR_TIMEOUT}) for any line with {@code code} that contains
     * every phrase, for codes that may be logged more than once per context (two WSG13 problems, say).
     */
    public static String assertSomeLine(GuardLogCapture log, String code, String... phrases) throws InterruptedException {
        long end = System.nanoTime() + GuardLogCapture.APPEAR_TIMEOUT.toNanos();
        while (true) {
            for (String line : log.messages()) {
                if (code.equals(GuardLogCapture.codeOf(line)) && containsAll(line, phrases)) {
                    return line;
                }
            }
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("no " + code + " line containing '" + String.join("', '", phrases)
                        + "' within " + GuardLogCapture.APPEAR_TIMEOUT.toMillis() + " ms; all wsguard lines:"
                        + log.describe());
            }
            Thread.sleep(20);
        }
    }

    private static boolean containsAll(String line, String... phrases) {
        for (String phrase : phrases) {
            if (!line.contains(phrase)) {
                return false;
            }
        }
        return true;
    }

    public static void assertMentions(GuardLogCapture log, String code, String line, String... phrases) {
        List<String> missing = new ArrayList<>();
        for (String phrase : phrases) {
            if (!line.contains(phrase)) {
                missing.add("'" + phrase + "'");
            }
        }
        if (!missing.isEmpty()) {
            throw new AssertionError("the " + code + " line lacks " + String.join(", ", missing) + ":\n  " + line
                    + "\nall wsguard lines:" + log.describe());
        }
    }

    /**
     * The source an endpoint is listed under in a {@code WSG00} line, or null if the path is not listed.
     * Reads both list styles: {@code /echo from annotation scan, /prog from container mappings} and
     * {@code /echo, /chat/{room} from annotation scan; /prog from container mappings}.
     */
    public static String sourceOf(String wsg00, String path) {
        Matcher m = Pattern.compile("(?<![\\w/{}.-])" + Pattern.quote(path)
                + "(?![\\w/{}-])[^;]*? from ([A-Za-z][A-Za-z -]*[A-Za-z])").matcher(wsg00);
        return m.find() ? m.group(1) : null;
    }

    /** Whether the path appears in the line as a whole path (not as part of a longer one). */
    public static boolean lists(String line, String path) {
        return Pattern.compile("(?<![\\w/{}.-])" + Pattern.quote(path) + "(?![\\w/{}-])").matcher(line).find();
    }
}
