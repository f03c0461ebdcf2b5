package dev.wsguard.distribution;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * For a set-up that deploys the sample twice, with wsguard in log mode and as the no-wsguard WAR: log mode must
 * change no answer ({@link CatalogueReplay#logModeAnswersAsWithoutWsguard}).
 */
interface LogModeDifferential {

    CatalogueReplay replay();

    /** The context of the sample with wsguard in log mode. */
    String guardedSampleContext();

    /** The context of the same app without wsguard. */
    String withoutWsguardContext();

    /**
     * Last but a redeploy: it repeats the sample rows' requests, and a repeat within the sample's 1 s log window is
     * only counted, so a row's own test sent right after it would find no line of its own.
     */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    default void logModeChangesNoAnswer() throws Exception {
        replay().logModeAnswersAsWithoutWsguard(guardedSampleContext(), withoutWsguardContext(), knownDifference(),
                knownDifferenceReason());
    }

    /** A way wsguard's log mode is known to change this server's answers, applied to both before they are compared. */
    default UnaryOperator<String> knownDifference() {
        return UnaryOperator.identity();
    }

    /** Why {@link #knownDifference()} is there; empty where answers must be identical byte for byte. */
    default String knownDifferenceReason() {
        return "";
    }
}
