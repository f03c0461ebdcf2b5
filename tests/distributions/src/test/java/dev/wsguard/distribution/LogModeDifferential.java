package dev.wsguard.distribution;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * For a set-up that deploys the sample twice, with wsguard in log mode and as the no-wsguard WAR: log mode must
 * change no answer ({@link CatalogueReplay#logModeAnswersAsWithoutWsguard}).
 */
interface LogModeDifferential {

    CatalogueReplay replay();

    /** The context of the sample with wsguard in log mode. */
    default String guardedSampleContext() {
        return "/sample";
    }

    /** The context of the same app without wsguard: the guarded one's path and "-without-wsguard". */
    default String withoutWsguardContext() {
        return guardedSampleContext() + "-without-wsguard";
    }

    /**
     * After the sample's own replays: the differential sends the same rows to the sample, and a repeat of one (code,
     * path) within its log window is only counted, so a replay right after it would find no line. Before a
     * redeploy ({@link Redeploys}), which gets a new filter and a new window.
     */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    default void logModeChangesNoAnswer() throws Exception {
        replay().logModeAnswersAsWithoutWsguard(guardedSampleContext(), withoutWsguardContext());
    }
}
