package dev.wsguard.fuzz;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wsguard.WebSocketGuardFilter;
import dev.wsguard.startup.StartupReport;
import dev.wsguard.testkit.http.Header;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.servlet.FilterConfigDouble;
import dev.wsguard.testkit.servlet.RequestDouble;
import dev.wsguard.testkit.servlet.RequestHeadParser;
import dev.wsguard.testkit.servlet.ResponseDouble;
import dev.wsguard.testkit.servlet.ServletContextDouble;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;

/**
 * The whole filter on any request head, in log, enforce and enforce-with-details mode, before a
 * chain whose answer the input chooses (header {@code X-Chain}): no exception escapes but the
 * chain's own; every log line is one safe line; whatever wsguard writes into a response (its
 * headers, every line of its body) is free of control characters.
 */
class FilterFuzzTest {

    private static final List<String> LINES = Collections.synchronizedList(new ArrayList<>());
    private static final WebSocketGuardFilter LOG = start(Map.of("endpoints", "/echo, /chat/{room}", "log-window", "1"));
    private static final WebSocketGuardFilter ENFORCE = start(Map.of("endpoints", "/echo", "mode", "enforce",
            "plain-requests", "reject", "buffer-limit", "64"));
    private static final WebSocketGuardFilter DETAILS = start(Map.of("mode", "enforce", "details", "true"));

    private static final Logger LOGGER = Logger.getLogger("dev.wsguard");
    private static final boolean PARENT_HANDLERS = LOGGER.getUseParentHandlers();
    private static final Level PREVIOUS_LEVEL = LOGGER.getLevel();
    private static final Handler CAPTURE;

    static {
        LOGGER.setUseParentHandlers(false);
        LOGGER.setLevel(Level.ALL);
        CAPTURE = new Handler() {
            @Override
            public void publish(LogRecord record) {
                LINES.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        LOGGER.addHandler(CAPTURE);
    }

    /**
     * The seeds replay in the same JVM as the other unit tests: a filter left running would keep ending its
     * 1 s log windows and write summary lines into their captured logs.
     */
    @AfterAll
    static void stopFilters() {
        LOG.destroy();
        ENFORCE.destroy();
        DETAILS.destroy();
        LOGGER.removeHandler(CAPTURE);
        LOGGER.setUseParentHandlers(PARENT_HANDLERS);
        LOGGER.setLevel(PREVIOUS_LEVEL);
    }

    private static WebSocketGuardFilter start(Map<String, String> params) {
        try {
            WebSocketGuardFilter f = new WebSocketGuardFilter();
            // Not /app: these filters live as long as the test JVM, beside unit tests that register /app.
            ServletContextDouble context = new ServletContextDouble("/fuzz").serverInfo("fuzz/1.0")
                    .classLoader(FilterFuzzTest.class.getClassLoader())
                    .attribute(StartupReport.JAKARTA_SERVER_CONTAINER, new Object());
            f.init(new FilterConfigDouble(context.context(), params));
            return f;
        } catch (ServletException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Boom extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** The downstream, as the input wants it. */
    private static FilterChain chain(String behaviour, Boom boom) {
        String b = behaviour == null ? "" : behaviour;
        return (req, res) -> {
            HttpServletResponse r = (HttpServletResponse) res;
            switch (b) {
                case "101":
                    r.setStatus(101);
                    r.flushBuffer();
                    break;
                case "404":
                    r.sendError(404);
                    break;
                case "302":
                    r.sendRedirect("/app/login?next=" + b);
                    break;
                case "throw":
                    r.getWriter().write("partial");
                    throw boom;
                case "flush":
                    r.setContentType("text/html");
                    r.getWriter().write("<html><title>early</title>");
                    r.flushBuffer();
                    break;
                case "big":
                    r.getOutputStream().write(new byte[10_000]);
                    break;
                default:
                    r.setStatus(200);
                    r.setContentType("text/plain");
                    r.getOutputStream().write(b.getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    /** The input's request as a container in the context /fuzz hands it over; two headers forge what it knows. */
    private static RequestDouble request(RawRequest head) {
        RequestDouble request = RequestDouble.of(head).contextPath("/fuzz");
        String remote = request.getHeader("X-Remote");
        String servlet = request.getHeader("X-Servlet");
        return request.remoteAddr(remote != null ? remote : "127.0.0.1")
                .mapping(RequestDouble.mappingOf(servlet != null ? servlet : "default", "/", MappingMatch.DEFAULT));
    }

    @FuzzTest(maxDuration = "2h")
    void nothingEscapesAndEverythingWrittenIsSafe(byte[] data) throws Exception {
        RawRequest head = RequestHeadParser.parse(data);
        for (WebSocketGuardFilter filter : new WebSocketGuardFilter[] {LOG, ENFORCE, DETAILS}) {
            LINES.clear();
            RequestDouble request = request(head);
            ResponseDouble response = new ResponseDouble();
            Boom boom = new Boom();
            try {
                filter.doFilter(request, response, chain(request.getHeader("X-Chain"), boom));
            } catch (Boom thrown) {
                assertSame(boom, thrown, "only the chain's own exception may come out");
            } catch (RuntimeException | java.io.IOException | ServletException e) {
                fail("escaped the filter: " + e, e);
            }
            for (String line : new ArrayList<>(LINES)) {
                Invariants.isOneSafeLine("log line", line);
                assertTrue(line.startsWith("WSG"), line);
            }
            if (response.getHeader("WSGuard-Code") != null) {
                for (Header h : response.headers()) {
                    Invariants.isOneSafeLine("response header " + h.name(), h.value());
                }
                for (String bodyLine : response.text().split("\\n")) {
                    Invariants.isOneSafeLine("wsguard's body", bodyLine);
                }
            }
        }
    }
}
