package dev.wsguard.suite.wars;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one container did in one WAR check, as observed and recorded: the status of the check's request, the
 * phrases wsguard's lines say there (beyond what the check expects everywhere), and named facts (where an endpoint
 * was learned from, which container object answered). Built with {@link #status(int)} or {@link #asExpected()}.
 */
public final class WarAnswer {

    /** No request of the check is compared (or the check sends none). */
    public static final int NO_STATUS = -1;

    private final int status;
    private final Map<String, List<String>> lines = new LinkedHashMap<>();
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final Set<String> absent = new LinkedHashSet<>();
    private String note = "";

    private WarAnswer(int status) {
        this.status = status;
    }

    /** The check's request gets this status here. */
    public static WarAnswer status(int status) {
        return new WarAnswer(status);
    }

    /** Nothing of the container's own to record: the check's own expectations hold here as they stand. */
    public static WarAnswer asExpected() {
        return new WarAnswer(NO_STATUS);
    }

    /** A line with {@code code} that says every phrase, here. */
    public WarAnswer logs(String code, String... phrases) {
        lines.computeIfAbsent(code, c -> new java.util.ArrayList<>()).addAll(List.of(phrases));
        return this;
    }

    /**
     * No line with {@code code}, from any context of the check, here. Checked once the check's own lines arrived: a
     * context's startup lines precede its WSG00, which precedes the lines of its requests.
     */
    public WarAnswer logsNo(String code) {
        absent.add(code);
        return this;
    }

    /** A fact the check observes ({@code /prog} learned from "container mappings"...), as it is here. */
    public WarAnswer fact(String name, String value) {
        facts.put(name, value);
        return this;
    }

    /** Why the container answers so, where it is worth saying. */
    public WarAnswer note(String text) {
        note = text;
        return this;
    }

    public int status() {
        return status;
    }

    public Map<String, List<String>> lines() {
        return lines;
    }

    public Map<String, String> facts() {
        return facts;
    }

    /** The codes no line may have here ({@link #logsNo}). */
    public Set<String> absentCodes() {
        return absent;
    }

    public String note() {
        return note;
    }
}
