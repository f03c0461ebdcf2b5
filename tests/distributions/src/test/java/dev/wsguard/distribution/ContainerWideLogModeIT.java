package dev.wsguard.distribution;

import dev.wsguard.suite.scenarios.GuardMode;

/** Set-up b1: wsguard only through the module, start.d/wsguard.ini as committed (the default, log mode). */
class ContainerWideLogModeIT extends ContainerWideOnlySetUp {

    ContainerWideLogModeIT() {
        super("b1-container-wide-log", GuardMode.LOG);
    }
}
