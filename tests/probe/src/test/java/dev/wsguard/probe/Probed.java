package dev.wsguard.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One URL probed twice in-process through {@link Cli#run}, as {@code java -jar wsguard-probe.jar} runs it (no console,
 * so no colour): once for the text report and once with {@code --json}. Both runs must agree on the exit code, the JSON
 * must be one object on one line whose {@code exitCode} is the exit code, and neither output may hold a control
 * character (only the line ends).
 */
final class Probed {

    final String url;
    final int exit;
    final String text;
    final String jsonLine;
    final JsonObject json;

    private Probed(String url, int exit, String text, String jsonLine, JsonObject json) {
        this.url = url;
        this.exit = exit;
        this.text = text;
        this.jsonLine = jsonLine;
        this.json = json;
    }

    /** Probes {@code url} with {@code options} before it (e.g. {@code --send hello}), text and JSON. */
    static Probed probe(String url, String... options) {
        ProbeRun text = ProbeRun.of(with(options, url, false));
        ProbeRun json = ProbeRun.of(with(options, url, true));
        String both = "text run: " + text + "\njson run: " + json;
        text.assertNoControlCharacters();
        json.assertNoControlCharacters();
        String line = json.out();
        assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1,
                () -> "--json prints one object on one line:\n" + both);
        JsonObject object;
        try {
            object = JsonParser.parseString(line).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new AssertionError("--json printed no JSON object: " + e + "\n" + both, e);
        }
        Probed probed = new Probed(url, json.exit(), text.out() + text.err(), line, object);
        // Kept in target/surefire-reports/*-output.txt: what the probe said about each real server.
        System.out.println("$ wsguard-probe " + String.join(" ", options) + " " + url + "\n" + text + "\n" + json);
        // The same URL twice: a verdict that changed between the runs would be a flaky server or a flaky probe.
        assertEquals(json.exit(), text.exit(), () -> "text and JSON runs disagree:\n" + both);
        assertEquals(json.exit(), object.get("exitCode").getAsInt(), () -> "exitCode field:\n" + both);
        assertEquals(url, probed.string("url"), probed::toString);
        return probed;
    }

    private static String[] with(String[] options, String url, boolean json) {
        List<String> args = new ArrayList<>();
        if (json) {
            args.add("--json");
        }
        args.addAll(List.of(options));
        args.add(url);
        return args.toArray(new String[0]);
    }


    /** Nothing a server sent may reach a terminal as a control character: only line ends are allowed. */
    /** Exit code, verdict, code (null for none) and the first answer's status, in one assertion. */
    Probed assertVerdict(int exitCode, String verdict, String code, Integer status) {
        assertEquals(List.of(exitCode, verdict, String.valueOf(code), String.valueOf(status)),
                List.of(exit, string("verdict"), String.valueOf(string("code")), String.valueOf(integer("status"))),
                () -> "exit, verdict, code, status of " + this);
        return this;
    }

    /** The end-to-end checks of a 101: the accept matches and the ping got its pong. */
    Probed assertWorks() {
        assertVerdict(0, "works", null, 101);
        assertEquals("ok", string("accept"), this::toString);
        assertNotNull(integer("pongMs"), this::toString);
        assertEquals(url, string("works"), this::toString);
        return this;
    }

    /** The URL that answered 101 instead (a variant or redirect target), or none. */
    Probed assertWorksAt(String expected) {
        assertEquals(expected, string("works"), this::toString);
        return this;
    }

    /** The first answer's {@code Location}, in the JSON headers and on the text report's {@code location} line. */
    Probed assertLocation(String location) {
        assertEquals(location, header("Location"), this::toString);
        assertTrue(text.matches("(?s).*\\n  location +" + java.util.regex.Pattern.quote(location) + "\\n.*"),
                () -> "text report's location line: " + this);
        return this;
    }

    Probed assertFixContains(String part) {
        assertTrue(String.valueOf(string("fix")).contains(part), () -> "fix has '" + part + "': " + this);
        assertTrue(text.contains(part), () -> "text report has '" + part + "': " + this);
        return this;
    }

    Probed assertTextContains(String part) {
        assertTrue(text.contains(part), () -> "text report has '" + part + "': " + this);
        return this;
    }

    /** The status and code the probe recorded for the variant at {@code variantUrl}. */
    Probed assertVariant(String variantUrl, int status, String code) {
        JsonObject variant = find("variants", variantUrl);
        assertEquals(status, variant.get("status").getAsInt(), this::toString);
        assertEquals(String.valueOf(code), String.valueOf(stringOf(variant, "code")), this::toString);
        return this;
    }

    /** The hop to {@code hopUrl}, with its status and code. */
    Probed assertRedirect(String hopUrl, int status, String code) {
        JsonObject hop = find("redirects", hopUrl);
        assertEquals(status, hop.get("status").getAsInt(), this::toString);
        assertEquals(String.valueOf(code), String.valueOf(stringOf(hop, "code")), this::toString);
        return this;
    }

    Probed assertNoVariantWorked() {
        assertEquals(null, string("works"), this::toString);
        assertFalse(json.getAsJsonArray("variants").isEmpty(), () -> "variants were tried: " + this);
        return this;
    }

    private JsonObject find(String array, String url) {
        for (JsonElement e : json.getAsJsonArray(array)) {
            JsonObject o = e.getAsJsonObject();
            if (url.equals(stringOf(o, "url"))) {
                return o;
            }
        }
        throw new AssertionError("no " + array + " entry for " + url + " in " + this);
    }

    /** A header of the first answer as the JSON report has it (first value), or null. */
    String header(String name) {
        JsonObject headers = json.getAsJsonObject("headers");
        return headers == null ? null : stringOf(headers, name);
    }

    String string(String field) {
        return stringOf(json, field);
    }

    Integer integer(String field) {
        JsonElement e = json.get(field);
        return e == null || e.isJsonNull() ? null : e.getAsInt();
    }

    List<String> strings(String field) {
        List<String> all = new ArrayList<>();
        json.getAsJsonArray(field).forEach(e -> all.add(e.getAsString()));
        return all;
    }

    private static String stringOf(JsonObject object, String field) {
        JsonElement e = object.get(field);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    @Override
    public String toString() {
        return url + ": exit " + exit + "\n" + text + jsonLine;
    }
}
