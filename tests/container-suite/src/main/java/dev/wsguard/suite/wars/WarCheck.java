package dev.wsguard.suite.wars;

import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.suite.scenarios.PerContainer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One check on real WARs: what it expects of wsguard everywhere ({@link #says()}: code and phrases), and per
 * container what that container did ({@link WarAnswer}) or why the check cannot run there. A container with
 * neither makes the check fail with what it observed, to be recorded in {@link WarCatalogue}.
 */
public record WarCheck(String id, String title, String request, Map<String, List<String>> says,
                       PerContainer<WarAnswer> containers) implements PerContainer.Entry<WarAnswer> {

    /**
     * @param request the path (written for context {@code /app}) of the request the check sends, or null
     * @param says code to phrases that wsguard's line with that code must say on every container
     */
    public WarCheck {
        Map<String, List<String>> lines = new LinkedHashMap<>();
        says.forEach((code, phrases) -> lines.put(code, List.copyOf(phrases)));
        says = Collections.unmodifiableMap(lines);
    }

    public static Builder check(String id, String title) {
        return new Builder(id, title);
    }

    /** What this container did, or null where nothing is recorded yet. */
    public WarAnswer answer(ContainerKind container) {
        return containers.answer(container);
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
        private final PerContainer.Builder<WarAnswer> containers = new PerContainer.Builder<>();

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
        public Builder on(WarAnswer answer, ContainerKind... kinds) {
            containers.on(answer, kinds);
            return this;
        }

        /** The check cannot run on these containers, and why. */
        public Builder notOn(String reason, ContainerKind... kinds) {
            containers.notOn(reason, kinds);
            return this;
        }

        public WarCheck build() {
            return new WarCheck(id, title, request, says, containers.build());
        }
    }
}
