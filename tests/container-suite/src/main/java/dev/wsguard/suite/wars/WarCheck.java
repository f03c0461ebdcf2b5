package dev.wsguard.suite.wars;

import dev.wsguard.testkit.server.ContainerKind;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One check on real WARs: what it expects of wsguard everywhere ({@link #says()}: code and phrases), and per
 * container what that container did ({@link WarAnswer}) or why the check cannot run there. A container with
 * neither makes the check fail with what it observed, to be recorded in {@link WarCatalogue}.
 */
public final class WarCheck {

    private final String id;
    private final String title;
    private final String request;
    private final Map<String, List<String>> says;
    private final Map<ContainerKind, WarAnswer> answers;
    private final Map<ContainerKind, String> notRun;

    private WarCheck(Builder b) {
        this.id = b.id;
        this.title = b.title;
        this.request = b.request;
        Map<String, List<String>> lines = new LinkedHashMap<>();
        b.says.forEach((code, phrases) -> lines.put(code, List.copyOf(phrases)));
        this.says = java.util.Collections.unmodifiableMap(lines);
        this.answers = new EnumMap<>(b.answers);
        this.notRun = new EnumMap<>(b.notRun);
    }

    public static Builder check(String id, String title) {
        return new Builder(id, title);
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** The path (written for context {@code /app}) of the request the check sends, or null. */
    public String request() {
        return request;
    }

    /** Code to phrases that wsguard's line with that code must say on every container. */
    public Map<String, List<String>> says() {
        return says;
    }

    public boolean runsOn(ContainerKind container) {
        return !notRun.containsKey(container);
    }

    /** Why the check cannot run on this container, or null where it does. */
    public String notRunReason(ContainerKind container) {
        return notRun.get(container);
    }

    public boolean recordsSomethingFor(ContainerKind container) {
        return answers.containsKey(container) || notRun.containsKey(container);
    }

    /** What this container did, or null where nothing is recorded yet. */
    public WarAnswer answer(ContainerKind container) {
        return answers.get(container);
    }

    /**
     * The phrases expected here, as a new map a check may add to: those of every container, then the container's
     * own ({@code answer} null: only the former).
     */
    public Map<String, List<String>> expectedLines(WarAnswer answer) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        says.forEach((code, phrases) -> all.computeIfAbsent(code, c -> new java.util.ArrayList<>()).addAll(phrases));
        if (answer != null) {
            answer.lines().forEach((code, phrases) -> all.computeIfAbsent(code, c -> new java.util.ArrayList<>())
                    .addAll(phrases));
        }
        return all;
    }

    @Override
    public String toString() {
        return id;
    }

    public static final class Builder {
        private final String id;
        private final String title;
        private String request;
        private final Map<String, List<String>> says = new LinkedHashMap<>();
        private final Map<ContainerKind, WarAnswer> answers = new EnumMap<>(ContainerKind.class);
        private final Map<ContainerKind, String> notRun = new EnumMap<>(ContainerKind.class);

        private Builder(String id, String title) {
            this.id = id;
            this.title = title;
        }

        /** The path of the request the check sends (written for context {@code /app}). */
        public Builder request(String path) {
            request = path;
            return this;
        }

        /** wsguard logs a line with {@code code} that says every phrase, on every container the check runs on. */
        public Builder says(String code, String... phrases) {
            says.computeIfAbsent(code, c -> new java.util.ArrayList<>()).addAll(List.of(phrases));
            return this;
        }

        /** What these containers did (the same on each). */
        public Builder on(WarAnswer answer, ContainerKind... containers) {
            for (ContainerKind container : containers) {
                answers.put(container, answer);
            }
            return this;
        }

        /** The check cannot run on these containers, and why. */
        public Builder notOn(String reason, ContainerKind... containers) {
            for (ContainerKind container : containers) {
                notRun.put(container, reason);
            }
            return this;
        }

        public WarCheck build() {
            return new WarCheck(this);
        }
    }
}
