package dev.wsguard.endpoints;

import dev.wsguard.text.Wording;

/**
 * Whether a framework that registered the filter (the Spring Boot starter) has told wsguard the endpoints it deploys
 * itself. Only a filter registered that way waits for it: its {@code WSG00} is written once they are told, or once
 * wsguard stopped waiting (docs/how-it-works.md).
 */
public enum FrameworkState {
    /** No framework registered the filter, or it does not tell endpoints: nothing to wait for. */
    NONE,
    /** The framework will tell its endpoints once its application is ready; not yet. */
    AWAITED,
    /** The framework told its endpoints (maybe none): they are in the registry. */
    TOLD,
    /** wsguard stopped waiting before the framework told its endpoints; they count from when it does. */
    NOT_TOLD;

    /** The state as the startup summary says it. */
    public String description() {
        return Wording.of(this);
    }
}
