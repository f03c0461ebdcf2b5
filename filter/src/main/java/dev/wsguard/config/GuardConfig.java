package dev.wsguard.config;

import dev.wsguard.endpoints.EndpointSource;
import dev.wsguard.endpoints.EndpointTemplate;
import dev.wsguard.endpoints.KnownEndpoint;
import dev.wsguard.text.EditDistance;
import dev.wsguard.text.Sanitizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The filter's settings, read from its init-params and from context-params named
 * {@code wsguard.<name>} (the init-param wins). A bad value fails {@code init} with a message that
 * names the parameter, the value in brackets (so empty and blank values show) and what is allowed.
 */
public final class GuardConfig {

    public static final String CONTEXT_PARAM_PREFIX = "wsguard.";

    public static final String PARAM_MODE = "mode";
    public static final Mode DEFAULT_MODE = Mode.LOG;

    public static final String PARAM_ENDPOINTS = "endpoints";

    public static final String PARAM_PLAIN_REQUESTS = "plain-requests";
    public static final PlainRequests DEFAULT_PLAIN_REQUESTS = PlainRequests.LOG;

    public static final String PARAM_BUFFER_LIMIT = "buffer-limit";
    public static final int DEFAULT_BUFFER_LIMIT = 65536;
    public static final int MAX_BUFFER_LIMIT = 16 * 1024 * 1024;

    public static final String PARAM_LOG_WINDOW = "log-window";
    public static final int DEFAULT_LOG_WINDOW_SECONDS = 60;
    public static final int MAX_LOG_WINDOW_SECONDS = 86400;

    public static final String PARAM_DETAILS = "details";
    public static final boolean DEFAULT_DETAILS = false;

    public static final String PARAM_LOG_SINK = "log-sink";
    public static final LogSink DEFAULT_LOG_SINK = LogSink.LOGGER;

    /** Every parameter name, for typo help. */
    public static final List<String> PARAMETERS = Collections.unmodifiableList(Arrays.asList(PARAM_MODE,
            PARAM_ENDPOINTS, PARAM_PLAIN_REQUESTS, PARAM_BUFFER_LIMIT, PARAM_LOG_WINDOW, PARAM_DETAILS, PARAM_LOG_SINK));

    /** More endpoints than this in one parameter is a mistake (or an attack on startup time). */
    static final int MAX_ENDPOINTS = 1000;

    private final Mode mode;
    private final List<KnownEndpoint> endpoints;
    private final PlainRequests plainRequests;
    private final int bufferLimit;
    private final int logWindowSeconds;
    private final boolean details;
    private final LogSink logSink;
    private final List<String> warnings;

    private GuardConfig(Mode mode, List<KnownEndpoint> endpoints, PlainRequests plainRequests, int bufferLimit,
            int logWindowSeconds, boolean details, LogSink logSink, List<String> warnings) {
        this.mode = mode;
        this.endpoints = endpoints;
        this.plainRequests = plainRequests;
        this.bufferLimit = bufferLimit;
        this.logWindowSeconds = logWindowSeconds;
        this.details = details;
        this.logSink = logSink;
        this.warnings = warnings;
    }

    /** The defaults, as if no parameter were set. */
    public static GuardConfig defaults() {
        try {
            return parse(Collections.emptyMap(), Collections.emptyMap());
        } catch (InvalidConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads the settings.
     *
     * @param initParams    the filter's init-params
     * @param contextParams the context-params whose names start with {@value #CONTEXT_PARAM_PREFIX}
     *                      (full names); others are ignored
     */
    public static GuardConfig parse(Map<String, String> initParams, Map<String, String> contextParams)
            throws InvalidConfigException {
        Reader r = new Reader(initParams, contextParams);
        Mode mode = r.choice(PARAM_MODE, Mode.class, DEFAULT_MODE);
        List<KnownEndpoint> endpoints = r.endpoints();
        PlainRequests plain = r.choice(PARAM_PLAIN_REQUESTS, PlainRequests.class, DEFAULT_PLAIN_REQUESTS);
        int bufferLimit = r.integer(PARAM_BUFFER_LIMIT, DEFAULT_BUFFER_LIMIT, 0, MAX_BUFFER_LIMIT);
        int logWindow = r.integer(PARAM_LOG_WINDOW, DEFAULT_LOG_WINDOW_SECONDS, 1, MAX_LOG_WINDOW_SECONDS);
        boolean details = r.bool(PARAM_DETAILS, DEFAULT_DETAILS);
        LogSink sink = r.choice(PARAM_LOG_SINK, LogSink.class, DEFAULT_LOG_SINK);
        return new GuardConfig(mode, endpoints, plain, bufferLimit, logWindow, details, sink, r.unknownNames());
    }

    public Mode mode() {
        return mode;
    }

    /** The endpoints declared by parameter, in order. */
    public List<KnownEndpoint> endpoints() {
        return endpoints;
    }

    public PlainRequests plainRequests() {
        return plainRequests;
    }

    public int bufferLimit() {
        return bufferLimit;
    }

    public int logWindowSeconds() {
        return logWindowSeconds;
    }

    public boolean details() {
        return details;
    }

    public LogSink logSink() {
        return logSink;
    }

    /** Unknown parameter names that look meant for wsguard, each with the nearest valid name. */
    public List<String> warnings() {
        return warnings;
    }

    /** The settings as the startup summary shows them. */
    public String summary() {
        return PARAM_MODE + "=" + lower(mode) + ", " + PARAM_PLAIN_REQUESTS + "=" + lower(plainRequests) + ", "
                + PARAM_BUFFER_LIMIT + "=" + bufferLimit + ", " + PARAM_LOG_WINDOW + "=" + logWindowSeconds + "s"
                + (details ? ", " + PARAM_DETAILS + "=true" : "")
                + (logSink != DEFAULT_LOG_SINK ? ", " + PARAM_LOG_SINK + "=" + name(logSink) : "");
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static String name(Enum<?> e) {
        return lower(e).replace('_', '-');
    }

    /** Looks values up init-param first, names the source of each in messages. */
    private static final class Reader {
        private final Map<String, String> init;
        private final Map<String, String> context;

        Reader(Map<String, String> init, Map<String, String> context) {
            this.init = init;
            this.context = context;
        }

        private String value(String name) {
            String v = init.get(name);
            return v != null ? v : context.get(CONTEXT_PARAM_PREFIX + name);
        }

        private String source(String name) {
            return init.get(name) != null ? "init-param '" + name + "'"
                    : "context-param '" + CONTEXT_PARAM_PREFIX + name + "'";
        }

        private InvalidConfigException invalid(String name, String value, String allowed) {
            return new InvalidConfigException("wsguard: " + source(name) + " has the invalid value ["
                    + Sanitizer.field(value) + "]; " + allowed);
        }

        <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) throws InvalidConfigException {
            String raw = value(name);
            if (raw == null) {
                return fallback;
            }
            String v = raw.trim();
            E[] constants = type.getEnumConstants();
            List<String> names = new ArrayList<>();
            for (E c : constants) {
                String n = name(c);
                if (n.equalsIgnoreCase(v)) {
                    return c;
                }
                names.add(n);
            }
            String nearest = nearest(v, names, 2);
            throw invalid(name, raw, "allowed values: " + String.join(", ", names)
                    + (nearest != null ? " (did you mean '" + nearest + "'?)" : ""));
        }

        int integer(String name, int fallback, int min, int max) throws InvalidConfigException {
            String raw = value(name);
            if (raw == null) {
                return fallback;
            }
            String v = raw.trim();
            String allowed = "allowed: a whole number from " + min + " to " + max
                    + (name.equals(PARAM_BUFFER_LIMIT) ? " (bytes)" : " (seconds)");
            if (v.isEmpty() || v.length() > 10) {
                throw invalid(name, raw, allowed);
            }
            long n = 0;
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c < '0' || c > '9') {
                    throw invalid(name, raw, allowed);
                }
                n = n * 10 + (c - '0');
            }
            if (n < min || n > max) {
                throw invalid(name, raw, allowed);
            }
            return (int) n;
        }

        boolean bool(String name, boolean fallback) throws InvalidConfigException {
            String raw = value(name);
            if (raw == null) {
                return fallback;
            }
            String v = raw.trim();
            if (v.equalsIgnoreCase("true")) {
                return true;
            }
            if (v.equalsIgnoreCase("false")) {
                return false;
            }
            throw invalid(name, raw, "allowed values: true, false");
        }

        List<KnownEndpoint> endpoints() throws InvalidConfigException {
            String raw = value(PARAM_ENDPOINTS);
            if (raw == null || raw.trim().isEmpty()) {
                return Collections.emptyList();
            }
            List<KnownEndpoint> list = new ArrayList<>();
            for (String part : raw.split(",", -1)) {
                String p = part.trim();
                if (p.isEmpty()) {
                    continue;
                }
                if (list.size() >= MAX_ENDPOINTS) {
                    throw invalid(PARAM_ENDPOINTS, raw, "at most " + MAX_ENDPOINTS + " endpoint paths");
                }
                try {
                    list.add(new KnownEndpoint(EndpointTemplate.parse(p), EndpointSource.INIT_PARAM));
                } catch (IllegalArgumentException e) {
                    throw new InvalidConfigException("wsguard: " + source(PARAM_ENDPOINTS) + " holds the invalid path ["
                            + Sanitizer.field(p) + "]: " + e.getMessage()
                            + "; allowed: comma-separated paths like /chat/{room}, /live");
                }
            }
            return Collections.unmodifiableList(list);
        }

        List<String> unknownNames() {
            List<String> warnings = new ArrayList<>();
            for (String name : init.keySet()) {
                if (!PARAMETERS.contains(name)) {
                    warnings.add(unknown("init-param '" + Sanitizer.field(name) + "'", name));
                }
            }
            for (String full : context.keySet()) {
                if (full.startsWith(CONTEXT_PARAM_PREFIX)
                        && !PARAMETERS.contains(full.substring(CONTEXT_PARAM_PREFIX.length()))) {
                    warnings.add(unknown("context-param '" + Sanitizer.field(full) + "'",
                            full.substring(CONTEXT_PARAM_PREFIX.length())));
                }
            }
            return Collections.unmodifiableList(warnings);
        }

        private static String unknown(String what, String name) {
            String nearest = nearest(name, PARAMETERS, 4);
            return what + " is not a wsguard parameter and is ignored; "
                    + (nearest != null ? "did you mean '" + nearest + "'? " : "")
                    + "valid names: " + String.join(", ", PARAMETERS);
        }

        private static String nearest(String given, List<String> candidates, int maxDistance) {
            if (given.length() > 64) {
                return null;
            }
            String best = null;
            int bestDistance = maxDistance + 1;
            for (String c : candidates) {
                int d = EditDistance.between(given.replace('_', '-'), c, true);
                if (d < bestDistance) {
                    best = c;
                    bestDistance = d;
                }
            }
            return best;
        }
    }
}
