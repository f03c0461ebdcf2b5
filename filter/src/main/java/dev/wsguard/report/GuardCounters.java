package dev.wsguard.report;

import dev.wsguard.diagnosis.DiagnosisCode;
import java.util.concurrent.atomic.LongAdder;

/** Counts per diagnosis code, plus upgrade attempts seen and upgrades seen completing (101). */
public final class GuardCounters {

    private final LongAdder[] perCode = new LongAdder[DiagnosisCode.values().length];
    private final LongAdder upgradeRequests = new LongAdder();
    private final LongAdder upgradesCompleted = new LongAdder();

    public GuardCounters() {
        for (int i = 0; i < perCode.length; i++) {
            perCode[i] = new LongAdder();
        }
    }

    public void count(DiagnosisCode code) {
        perCode[code.ordinal()].increment();
    }

    public long get(DiagnosisCode code) {
        return perCode[code.ordinal()].sum();
    }

    public void upgradeRequest() {
        upgradeRequests.increment();
    }

    public void upgradeCompleted() {
        upgradesCompleted.increment();
    }

    /**
     * Upgrade attempts that reached the filter (where the container's WebSocket filter runs first, only
     * those it declined).
     */
    public long upgradeRequests() {
        return upgradeRequests.sum();
    }

    /** Upgrades the filter saw answered 101 (never where the container's WebSocket filter runs first). */
    public long upgradesCompleted() {
        return upgradesCompleted.sum();
    }
}
