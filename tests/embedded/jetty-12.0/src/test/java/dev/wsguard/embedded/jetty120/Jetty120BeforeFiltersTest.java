package dev.wsguard.embedded.jetty120;

import dev.wsguard.suite.contracts.JettyBeforeFiltersContract;

/** What Jetty 12.0 answers before any filter, reported by wsguard's request log: the contract is in container-suite. */
class Jetty120BeforeFiltersTest extends JettyBeforeFiltersContract {
}
