package dev.wsguard.reliability.harness;

import dev.wsguard.WebSocketGuardFilter;
import dev.wsguard.testkit.fixtures.EchoEndpoint;
import dev.wsguard.testkit.fixtures.PlainTextServlet;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What one test deploys at {@code /app}: filters in order (each on {@code /*}, REQUEST, async supported), servlets,
 * and the {@code /echo} endpoint with the container's own Jakarta WebSocket support. Unlike the scenario suite's
 * {@code Deployment}, a filter may sit before wsguard (a probe that sees what escapes it) and after it (a
 * misbehaving one), and the container's request-header limit may be raised so that 64 KiB values reach the
 * application at all.
 */
public final class StackSpec {

    public static final String CONTEXT_PATH = "/app";

    /** A filter in the chain, by instance (its own class) or by class name (wsguard, loaded as containers do). */
    public record FilterEntry(String name, Supplier<? extends Filter> filter, Map<String, String> initParams) {
    }

    public record ServletEntry(String name, Supplier<? extends Servlet> servlet, String mapping) {
    }

    final Container container;
    final List<FilterEntry> filters = new ArrayList<>();
    final List<ServletEntry> servlets = new ArrayList<>();
    boolean echoEndpoint = true;
    int requestHeaderLimit = -1;
    boolean lenientParsing;

    private StackSpec(Container container) {
        this.container = container;
    }

    public static StackSpec on(Container container) {
        return new StackSpec(container);
    }

    /** The usual app: wsguard first with these params, {@code endpoints=/echo}, the plain servlet at {@code /}. */
    public static StackSpec standard(Container container, Map<String, String> guardParams) {
        return on(container).guard(guardParams).servlet("plain", PlainTextServlet::new, "/");
    }

    public StackSpec filter(String name, Supplier<? extends Filter> filter) {
        return filter(name, filter, Map.of());
    }

    public StackSpec filter(String name, Supplier<? extends Filter> filter, Map<String, String> initParams) {
        filters.add(new FilterEntry(name, filter, Map.copyOf(initParams)));
        return this;
    }

    /** wsguard, told the app's endpoint ({@code /echo}) as the scenario suite does, plus these params. */
    public StackSpec guard(Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("endpoints", "/echo");
        all.putAll(params);
        return filter("wsguard", WebSocketGuardFilter::new, all);
    }

    public StackSpec servlet(String name, Supplier<? extends Servlet> servlet, String mapping) {
        servlets.add(new ServletEntry(name, servlet, mapping));
        return this;
    }

    /** Raises the container's request-head limit (Jetty {@code requestHeaderSize}, Tomcat {@code maxHttpHeaderSize}). */
    public StackSpec requestHeaderLimit(int bytes) {
        this.requestHeaderLimit = bytes;
        return this;
    }

    /**
     * The container as lenient as it can be made about request targets: Jetty with {@code UriCompliance.UNSAFE}
     * (suspicious and illegal path characters, ambiguous segments and encodings let through) and ambiguous URIs
     * decoded for servlets; Tomcat with every character {@code relaxedPathChars} and {@code relaxedQueryChars} allow.
     */
    public StackSpec lenientParsing() {
        this.lenientParsing = true;
        return this;
    }

    public StackSpec withoutEndpoint() {
        this.echoEndpoint = false;
        return this;
    }

    Class<?> endpointClass() {
        return EchoEndpoint.class;
    }

    public Stack start() throws Exception {
        return container == Container.JETTY ? Stack.startJetty(this) : Stack.startTomcat(this);
    }
}
