package dev.wsguard.diagnosis;

import dev.wsguard.text.Sanitizer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The first bytes (or characters) of an answer, and what they reveal about the component that
 * wrote it: an HTML page and its title, a login form, a single-page-app shell, JSON.
 */
public final class BodySample {

    /** Enough for a doctype, a head with its title, and the start of a body. */
    public static final int CAPACITY = 1024;

    private static final BodySample EMPTY = new BodySample("");

    private final String text;

    private BodySample(String text) {
        this.text = text;
    }

    public static BodySample empty() {
        return EMPTY;
    }

    /** A sample of encoded bytes; undecodable bytes become U+FFFD. */
    public static BodySample ofBytes(byte[] bytes, int length, String charsetName) {
        if (length <= 0) {
            return EMPTY;
        }
        Charset charset = StandardCharsets.UTF_8;
        try {
            if (charsetName != null) {
                charset = Charset.forName(charsetName);
            }
        } catch (RuntimeException unknownCharset) {
            // A bad charset name must not stop the diagnosis; UTF-8 shows ASCII markup either way.
        }
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer out = CharBuffer.allocate(length);
        decoder.decode(ByteBuffer.wrap(bytes, 0, Math.min(length, bytes.length)), out, true);
        out.flip();
        return new BodySample(out.toString());
    }

    /** A sample of characters written through a writer. */
    public static BodySample ofChars(char[] chars, int length) {
        return length <= 0 ? EMPTY : new BodySample(new String(chars, 0, Math.min(length, chars.length)));
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    /** The sampled text, raw. */
    public String text() {
        return text;
    }

    /** What the sample shows, e.g. {@code an HTML page titled 'Sign in' that looks like a login form}. */
    public String describe() {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        t = t.trim();
        if (t.isEmpty()) {
            return "an empty body";
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("<!doctype html") || lower.startsWith("<html") || lower.contains("<html")) {
            StringBuilder d = new StringBuilder("an HTML page");
            String title = between(t, lower, "<title", "</title>");
            if (title != null && !title.isEmpty()) {
                d.append(" titled '").append(Sanitizer.field(title, 80)).append('\'');
            }
            if (lower.contains("type=\"password\"") || lower.contains("type='password'") || lower.contains("login")
                    || lower.contains("sign in") || lower.contains("log in")) {
                d.append(" that looks like a login page");
            } else if (lower.contains("id=\"root\"") || lower.contains("id=\"app\"") || lower.contains("<app-root")) {
                d.append(" that looks like a single-page-app shell");
            }
            return d.toString();
        }
        if (lower.startsWith("{") || lower.startsWith("[")) {
            return "a JSON document";
        }
        if (lower.startsWith("<?xml")) {
            return "an XML document";
        }
        return "text starting '" + Sanitizer.field(t, 40) + "'";
    }

    private static String between(String t, String lower, String open, String close) {
        int start = lower.indexOf(open);
        if (start < 0) {
            return null;
        }
        int tagEnd = lower.indexOf('>', start);
        int end = tagEnd < 0 ? -1 : lower.indexOf(close, tagEnd);
        if (end < 0) {
            return null;
        }
        return t.substring(tagEnd + 1, end).trim().replaceAll("\\s+", " ");
    }
}
