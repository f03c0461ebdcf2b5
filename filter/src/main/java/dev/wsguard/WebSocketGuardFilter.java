package dev.wsguard;

import dev.wsguard.config.GuardConfig;
import dev.wsguard.config.InvalidConfigException;
import dev.wsguard.config.Mode;
import dev.wsguard.endpoints.KnownEndpoint;
import dev.wsguard.handshake.HandshakeClassifier;
import dev.wsguard.report.GuardCounters;
import dev.wsguard.report.LogOutput;
import dev.wsguard.startup.StartupFacts;
import dev.wsguard.startup.StartupInspector;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * wsguard: explains WebSocket handshakes that an ordinary resource answered instead of an endpoint
 * (the browser's "Unexpected response code: 200"), in the container's own log; in enforce mode it
 * also answers them with a clear 400/426.
 *
 * <p>Declare it first among the filters, mapped to {@code /*}, async-supported. A request that is
 * no upgrade attempt (no {@code Upgrade} naming websocket, no {@code Sec-WebSocket-Key} or
 * {@code Sec-WebSocket-Version}) costs three header look-ups and a token scan (and, for GETs to
 * known endpoint paths, a path match): no wrapping, no allocation.
 */
public class WebSocketGuardFilter implements Filter {

    /** What requests go through; null in mode off, so doFilter passes everything on after one check. */
    private volatile RequestPath requests;
    /** The guard in every mode, so destroy() always stops it and unregisters its MBean. */
    private volatile Guard started;

    /** The no-argument constructor containers use. */
    public WebSocketGuardFilter() {
    }

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        ServletContext context = filterConfig.getServletContext();
        GuardConfig config;
        try {
            config = GuardConfig.parse(initParams(filterConfig), contextParams(context));
        } catch (InvalidConfigException e) {
            throw new ServletException(e.getMessage(), e);
        }
        StartupFacts facts = StartupInspector.inspect(context, config, version());
        LogOutput output = LogOutput.to(config.logSink(), context::log);
        Guard g = new Guard(config, facts.deployment(), context, output, new GuardCounters());
        g.start(facts);
        started = g;
        // Off: the startup line says so, and doFilter passes everything on after one null check.
        requests = config.mode() == Mode.OFF ? null : g.requests();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestPath r = requests;
        if (r == null || !(request instanceof HttpServletRequest) || !(response instanceof HttpServletResponse)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest http = (HttpServletRequest) request;
        String upgrade = http.getHeader(HandshakeClassifier.UPGRADE);
        if (HandshakeClassifier.mayBeAttempt(upgrade, http.getHeader(HandshakeClassifier.SEC_WEBSOCKET_KEY),
                http.getHeader(HandshakeClassifier.SEC_WEBSOCKET_VERSION))
                || upgrade != null && laterUpgradeNamesWebSocket(http)) {
            r.onUpgradeHeaders(http, (HttpServletResponse) response, chain);
            return;
        }
        KnownEndpoint endpoint = r.plainRequestEndpoint(http);
        if (endpoint != null) {
            r.onPlainRequest(http, (HttpServletResponse) response, chain);
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * An Upgrade to another protocol first ({@code h2c}, say) may still name websocket in a later line; only
     * such requests pay for reading every Upgrade value.
     */
    private static boolean laterUpgradeNamesWebSocket(HttpServletRequest request) {
        try {
            return HandshakeClassifier.upgradesToWebSocket(
                    new ServletHandshakeRequest(request).values(HandshakeClassifier.UPGRADE));
        } catch (RuntimeException e) {
            // A request that cannot list its headers is not an upgrade wsguard can judge.
            return false;
        }
    }

    @Override
    public void destroy() {
        Guard g = started;
        requests = null;
        started = null;
        if (g != null) {
            g.stop();
        }
    }

    /** The live working parts, or null in mode off; for tests in this package. */
    Guard guard() {
        return requests == null ? null : started;
    }

    private static Map<String, String> initParams(FilterConfig config) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : names(config.getInitParameterNames())) {
            params.put(name, config.getInitParameter(name));
        }
        return params;
    }

    private static Map<String, String> contextParams(ServletContext context) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : names(context.getInitParameterNames())) {
            if (name.startsWith(GuardConfig.CONTEXT_PARAM_PREFIX)) {
                params.put(name, context.getInitParameter(name));
            }
        }
        return params;
    }

    private static Iterable<String> names(Enumeration<String> e) {
        return e == null ? Collections.emptyList() : Collections.list(e);
    }

    /** The jar's version, from a resource the build fills in. */
    static String version() {
        try (InputStream in = WebSocketGuardFilter.class.getResourceAsStream("wsguard.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException | RuntimeException e) {
            // The version only decorates the startup line.
        }
        return "unknown";
    }
}
