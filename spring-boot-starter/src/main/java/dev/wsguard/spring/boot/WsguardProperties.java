package dev.wsguard.spring.boot;

import dev.wsguard.config.GuardConfig;
import dev.wsguard.config.InvalidConfigException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * wsguard's settings as application properties ({@code wsguard.*}). Each one that is set becomes the init-param of
 * the same name of wsguard's filter; one that is not set is not passed, so the filter's context-param
 * ({@code server.servlet.context-parameters.wsguard.<name>}) or its default applies, as in a {@code web.xml} install.
 * The values are checked by the filter's own rules ({@link GuardConfig#parse}), before the server starts.
 */
@ConfigurationProperties(prefix = WsguardProperties.PREFIX)
public class WsguardProperties {

    /** The prefix of every property, the same as that of the filter's context-params. */
    public static final String PREFIX = "wsguard";

    /**
     * Whether to register wsguard's filter. With false the starter registers nothing.
     */
    private boolean enabled = true;

    /**
     * What wsguard does: 'log' diagnoses and logs and never changes a response; 'enforce' also answers bad or
     * misrouted upgrade requests with a clear 400/426; 'off' passes everything through.
     */
    private String mode;

    /**
     * WebSocket endpoint path templates, context-relative, that wsguard cannot discover by itself, e.g. /chat/{room},
     * /live; they add to Spring's WebSocket, STOMP and SockJS endpoints and ServerEndpointExporter's, which the starter
     * discovers. Used for the closest-endpoint hint of a misrouted handshake and for WSG06.
     */
    private List<String> endpoints;

    /**
     * What to do with a plain GET (no upgrade headers) to a known endpoint path: 'ignore'; 'log' (WSG06); 'reject'
     * (also answer 426 in enforce mode).
     */
    private String plainRequests;

    /**
     * How many bytes of a downstream answer to an upgrade request enforce mode holds back while deciding, from 0 to
     * 16777216.
     */
    private Integer bufferLimit;

    /**
     * Seconds, from 1 to 86400, in which repeats of one (code, path) are counted and summarized in one line instead
     * of logged one by one.
     */
    private Integer logWindow;

    /**
     * Whether enforce mode puts the whole (sanitized) diagnosis in the response body; for development.
     */
    private Boolean details;

    /**
     * Where wsguard's lines go: 'logger' (the java.util.logging logger 'dev.wsguard'), 'servlet-context'
     * (ServletContext.log) or 'both'.
     */
    private String logSink;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public List<String> getEndpoints() {
        return endpoints;
    }

    public void setEndpoints(List<String> endpoints) {
        this.endpoints = endpoints;
    }

    public String getPlainRequests() {
        return plainRequests;
    }

    public void setPlainRequests(String plainRequests) {
        this.plainRequests = plainRequests;
    }

    public Integer getBufferLimit() {
        return bufferLimit;
    }

    public void setBufferLimit(Integer bufferLimit) {
        this.bufferLimit = bufferLimit;
    }

    public Integer getLogWindow() {
        return logWindow;
    }

    public void setLogWindow(Integer logWindow) {
        this.logWindow = logWindow;
    }

    public Boolean getDetails() {
        return details;
    }

    public void setDetails(Boolean details) {
        this.details = details;
    }

    public String getLogSink() {
        return logSink;
    }

    public void setLogSink(String logSink) {
        this.logSink = logSink;
    }

    /**
     * The filter's init-params: one per property that is set, named as the filter names it, each value checked by
     * the filter's own rules.
     *
     * @throws InvalidWsguardPropertyException for the first value the filter would refuse
     */
    public Map<String, String> toInitParameters() {
        Map<String, String> params = new LinkedHashMap<>();
        put(params, GuardConfig.PARAM_MODE, mode);
        put(params, GuardConfig.PARAM_ENDPOINTS, endpoints == null ? null : String.join(", ", endpoints));
        put(params, GuardConfig.PARAM_PLAIN_REQUESTS, plainRequests);
        put(params, GuardConfig.PARAM_BUFFER_LIMIT, bufferLimit == null ? null : bufferLimit.toString());
        put(params, GuardConfig.PARAM_LOG_WINDOW, logWindow == null ? null : logWindow.toString());
        put(params, GuardConfig.PARAM_DETAILS, details == null ? null : details.toString());
        put(params, GuardConfig.PARAM_LOG_SINK, logSink);
        return Collections.unmodifiableMap(params);
    }

    private static void put(Map<String, String> params, String name, String value) {
        if (value == null) {
            return;
        }
        // One parameter at a time, so a refusal names its property; the filter's message says what is allowed.
        try {
            GuardConfig.parse(Map.of(name, value), Map.of());
        } catch (InvalidConfigException e) {
            throw new InvalidWsguardPropertyException(name, value, e);
        }
        params.put(name, value);
    }
}
