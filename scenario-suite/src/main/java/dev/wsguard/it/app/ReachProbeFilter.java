package dev.wsguard.it.app;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A pass-through filter put where wsguard would be (first, {@code /*}) in baseline runs, to record which
 * requests a filter in that position is given at all. On Jetty the WebSocket upgrade filter runs before any
 * application filter and may answer itself; this makes that a measured fact per row.
 *
 * <p>It reports through a JDK logger, {@value #LOGGER_NAME}, not through a static field: a webapp class
 * loader (GlassFish deploys a WAR) may load its own copy of this class, but {@code java.util.logging} is the
 * JDK's, shared by every loader. The logger is outside {@code dev.wsguard}, so wsguard's log capture never
 * sees these lines.
 */
public class ReachProbeFilter implements Filter {

    public static final String PROBE_ID_PARAM = "probe-id";
    public static final String LOGGER_NAME = "wsguard-it.reach-probe";

    private Logger logger;
    private String id;

    @Override
    public void init(FilterConfig config) throws ServletException {
        id = config.getInitParameter(PROBE_ID_PARAM);
        if (id == null) {
            throw new ServletException(PROBE_ID_PARAM + " missing");
        }
        logger = Logger.getLogger(LOGGER_NAME);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        logger.log(Level.INFO, id + " " + request.getMethod() + " " + request.getRequestURI());
        chain.doFilter(req, res);
    }

    /** Listens for one probe's reports while open. */
    public static Recording record(String probeId) {
        return new Recording(probeId);
    }

    /** The request lines ({@code METHOD uri}) a probe reported while the recording was open. */
    public static final class Recording implements AutoCloseable {

        // Held strongly: JUL keeps loggers weakly, and a collected logger would drop the handler.
        private final Logger logger = Logger.getLogger(LOGGER_NAME);
        private final String prefix;
        private final List<String> seen = new CopyOnWriteArrayList<>();
        private final Handler handler;
        private final Level previousLevel;

        private Recording(String probeId) {
            prefix = probeId + " ";
            handler = new Handler() {
                @Override
                public void publish(LogRecord record) {
                    String message = record.getMessage();
                    if (message != null && message.startsWith(prefix)) {
                        seen.add(message.substring(prefix.length()));
                    }
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            handler.setLevel(Level.ALL);
            previousLevel = logger.getLevel();
            logger.setLevel(Level.INFO);
            logger.setUseParentHandlers(false);
            logger.addHandler(handler);
        }

        public List<String> seen() {
            return new ArrayList<>(seen);
        }

        @Override
        public void close() {
            logger.removeHandler(handler);
            logger.setLevel(previousLevel);
        }
    }
}
