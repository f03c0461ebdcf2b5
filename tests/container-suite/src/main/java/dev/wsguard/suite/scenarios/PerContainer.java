package dev.wsguard.suite.scenarios;

import dev.wsguard.testkit.server.ContainerKind;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a catalogue entry (a scenario row, a WAR check) records per container: what that container answered on its
 * own, or why the entry cannot run there. A container with neither makes the entry fail with what it observed, so a
 * new container asks for its answers.
 */
public record PerContainer<A>(Map<ContainerKind, A> answers, Map<ContainerKind, String> notRun) {

    public PerContainer {
        answers = answers.isEmpty() ? Map.of() : new EnumMap<>(answers);
        notRun = notRun.isEmpty() ? Map.of() : new EnumMap<>(notRun);
    }

    /** Whether the entry runs on this container (false where it records why it cannot). */
    public boolean runsOn(ContainerKind container) {
        return !notRun.containsKey(container);
    }

    /** Why the entry does not run on this container, or null where it does. */
    public String notRunReason(ContainerKind container) {
        return notRun.get(container);
    }

    /** Whether anything is recorded for this container: an answer or a reason not to run. */
    public boolean recordsSomethingFor(ContainerKind container) {
        return answers.containsKey(container) || notRun.containsKey(container);
    }

    /** What this container answered, or null where nothing is recorded. */
    public A answer(ContainerKind container) {
        return answers.get(container);
    }

    /** A catalogue entry: what it records per container, and the questions a contract asks of it. */
    public interface Entry<A> {

        PerContainer<A> containers();

        /** Whether the entry runs on this container (false where the catalogue records why it cannot). */
        default boolean runsOn(ContainerKind container) {
            return containers().runsOn(container);
        }

        /** Why the entry does not run on this container, or null where it does. */
        default String notRunReason(ContainerKind container) {
            return containers().notRunReason(container);
        }

        /** Whether the catalogue says anything for this container: an answer or a reason not to run. */
        default boolean recordsSomethingFor(ContainerKind container) {
            return containers().recordsSomethingFor(container);
        }
    }

    /** Collects the answers and reasons of one entry while its catalogue builds it. */
    public static final class Builder<A> {
        private final Map<ContainerKind, A> answers = new EnumMap<>(ContainerKind.class);
        private final Map<ContainerKind, String> notRun = new EnumMap<>(ContainerKind.class);

        /** What these containers answer (the same on each). */
        public void on(A answer, ContainerKind... containers) {
            for (ContainerKind container : containers) {
                answers.put(container, answer);
            }
        }

        /** The entry cannot run on these containers, and why. */
        public void notOn(String reason, ContainerKind... containers) {
            for (ContainerKind container : containers) {
                notRun.put(container, reason);
            }
        }

        public PerContainer<A> build() {
            return new PerContainer<>(answers, notRun);
        }
    }
}
