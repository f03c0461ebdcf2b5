package dev.wsguard.springboot;

import dev.wsguard.testkit.log.GuardLogCapture;

/** wsguard's line for one request, as the tests await it. */
final class WsguardLines {

    private WsguardLines() {
    }

    /** The line with {@code code} for the request to {@code path}, awaited (bounded by the capture's timeout). */
    static String await(GuardLogCapture log, String code, String path) throws InterruptedException {
        return log.find(m -> m.startsWith(code + " ") && m.contains(" " + path + " "), GuardLogCapture.APPEAR_TIMEOUT)
                .orElseThrow(() -> new AssertionError("no " + code + " line for " + path + "; logged:" + log.describe()));
    }
}
