package dev.wsguard.suite.reliability;

import dev.wsguard.suite.scenarios.GuardMode;
import dev.wsguard.testkit.server.ContainerKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One way the downstream ({@code FaultServlet}) goes wrong behind wsguard, and what each container then gives the
 * client and wsguard logs, per mode.
 *
 * @param id the fault, also its path under {@code /app/fault/}
 * @param description what the downstream does
 * @param expected per {@code <container label>|<mode>}
 */
public record Fault(String id, String description, Map<String, Expected> expected) {

    /**
     * What a fault must produce.
     *
     * @param answer the client's answer, {@code <status> <who>}, who being {@code app}, {@code wsguard} or
     *        {@code container}
     * @param code wsguard's code
     * @param phrase what its line must say ("" where the code says it all)
     */
    public record Expected(String answer, String code, String phrase) {
    }

    public Fault {
        expected = Map.copyOf(expected);
    }

    /** What the fault must produce on this container in this mode; null where nothing is recorded. */
    public Expected expected(ContainerKind kind, GuardMode mode) {
        return expected.get(kind.label() + "|" + mode);
    }

    /** The path the fault is asked for at (written for {@code /app}). */
    public String path() {
        return "/app/fault/" + id;
    }

    @Override
    public String toString() {
        return id;
    }

    static Builder fault(String id, String description) {
        return new Builder(id, description);
    }

    static final class Builder {
        private final String id;
        private final String description;
        private final Map<String, Expected> expected = new LinkedHashMap<>();

        private Builder(String id, String description) {
            this.id = id;
            this.description = description;
        }

        /** On these containers: this in log mode, that in enforce mode. */
        Builder on(Expected log, Expected enforce, ContainerKind... kinds) {
            for (ContainerKind kind : kinds) {
                expected.put(kind.label() + "|" + GuardMode.LOG, log);
                expected.put(kind.label() + "|" + GuardMode.ENFORCE, enforce);
            }
            return this;
        }

        Fault build() {
            return new Fault(id, description, expected);
        }
    }
}
