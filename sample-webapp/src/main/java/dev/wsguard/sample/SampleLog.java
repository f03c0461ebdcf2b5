package dev.wsguard.sample;

import java.util.logging.Logger;

/**
 * The sample's own logger. Not named after a class: "dev.wsguard.sample..." would be a child of
 * wsguard's logger "dev.wsguard", and the sample's messages would land among wsguard's diagnoses
 * (on the demo page, and wherever a container sends that logger). A class of its own, free of
 * WebSocket types, so that code running without the WebSocket API can log too.
 */
final class SampleLog {

    static final Logger LOG = Logger.getLogger("wsguard-sample");

    private SampleLog() {
    }
}
