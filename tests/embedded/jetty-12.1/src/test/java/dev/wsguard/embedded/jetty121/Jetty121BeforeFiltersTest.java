package dev.wsguard.embedded.jetty121;

import dev.wsguard.suite.contracts.JettyBeforeFiltersContract;

/** What Jetty 12.1 answers before any filter, reported by wsguard's request log: the contract is in container-suite. */
class Jetty121BeforeFiltersTest extends JettyBeforeFiltersContract {
}
