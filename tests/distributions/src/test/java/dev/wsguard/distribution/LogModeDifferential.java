package dev.wsguard.distribution;

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

    @Test
    default void logModeChangesNoAnswer() throws Exception {
        replay().logModeAnswersAsWithoutWsguard(guardedSampleContext(), withoutWsguardContext());
    }
}
