package dev.wsguard.suite.clients;

import dev.wsguard.testkit.http.ClientOutcome;

/**
 * A {@link ClientOutcome} as JDK types, so that a client driven in a class loader of its own (whose
 * {@code ClientOutcome} is another class) can hand it over: connected, echoed, exception, status, guard code.
 */
final class DriverOutcome {

    private DriverOutcome() {
    }

    static String[] of(ClientOutcome outcome) {
        return new String[] {String.valueOf(outcome.connected()), outcome.echoed(), outcome.exception(),
            String.valueOf(outcome.status()), outcome.guardCode()};
    }

    static ClientOutcome from(String[] fields) {
        return new ClientOutcome(Boolean.parseBoolean(fields[0]), fields[1], fields[2], Integer.parseInt(fields[3]),
                fields[4]);
    }
}
