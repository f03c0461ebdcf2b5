package dev.wsguard.distribution;

import dev.wsguard.suite.scenarios.GuardMode;

/** Set-up b2: wsguard only through the module, {@code wsguard.mode=enforce} in start.d/wsguard.ini. */
class ContainerWideEnforceIT extends ContainerWideOnlySetUp {

    ContainerWideEnforceIT() {
        super("b2-container-wide-enforce", GuardMode.ENFORCE);
    }
}
