package dev.wsguard;

/**
 * What the framework that registered a filter tells it through the filter's public methods: its own endpoints (the
 * hand-over), its listeners, who answered inside the servlet, its fix for WebSocket support and whether to keep to an
 * MBean server that already runs. Made on the framework's first call, or by wsguard's thread when it builds the guard:
 * a filter no framework calls never loads these classes on the deployment's thread (docs/performance.md).
 */
final class FrameworkLink {

    final FrameworkHandover handover;
    final Listeners listeners = new Listeners();
    final Answerer answerer = new Answerer();
    /** How the framework turns WebSocket support on; null for the container's own fix. */
    volatile String webSocketSupportFix;
    /** Whether the framework keeps JMX off, so the MBean is registered only into a running MBean server. */
    volatile boolean mbeanOnlyWhereJmxRuns;

    FrameworkLink(FrameworkHandover handover) {
        this.handover = handover;
    }
}
