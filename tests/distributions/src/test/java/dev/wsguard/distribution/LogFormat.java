package dev.wsguard.distribution;

import dev.wsguard.distribution.ServerLog.Diagnosis;

/**
 * How a server's log shows a wsguard record. A record may take two lines (the JVM's default format names the source
 * on the first, Payara's ODL format puts the message on the second), so the line before is given too.
 */
@FunctionalInterface
interface LogFormat {

    /** The wsguard line {@code line} is, or null. {@code previous}: the line before it, or null for the first. */
    Diagnosis parse(String previous, String line);
}
