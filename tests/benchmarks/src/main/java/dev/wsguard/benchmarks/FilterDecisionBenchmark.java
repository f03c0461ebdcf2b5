package dev.wsguard.benchmarks;

import dev.wsguard.WebSocketGuardFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the filter costs per request, beside the same chain called without it. The non-upgrade
 * GET (what almost every request is) must cost a few header look-ups and allocate nothing; the
 * upgrade attempts show the price of the slow path (classification, wrapping, the verdict; their
 * log lines are rate-limited, so after the first one they are only counted).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class FilterDecisionBenchmark {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private WebSocketGuardFilter logMode;
    private WebSocketGuardFilter noEndpoints;
    private WebSocketGuardFilter enforceMode;
    private Blackhole blackhole;
    private FilterChain passThrough;
    private FilterChain answers101;
    private FilterChain answers200;

    private final Doubles.Response response = new Doubles.Response();
    /** A typical browser GET of a page: the headers a real one carries, none of them an upgrade. */
    private final Doubles.Request plainGet = new Doubles.Request("GET", "/app/index.html",
            "Host", "127.0.0.1:8080", "User-Agent", "Mozilla/5.0", "Accept", "text/html", "Accept-Language", "en",
            "Accept-Encoding", "gzip", "Connection", "keep-alive", "Cookie", "JSESSIONID=abc");
    private final Doubles.Request validUpgrade = new Doubles.Request("GET", "/app/echo",
            "Host", "127.0.0.1:8080", "Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Key", KEY,
            "Sec-WebSocket-Version", "13");
    private final Doubles.Request misrouted = new Doubles.Request("GET", "/app/ecco",
            "Host", "127.0.0.1:8080", "Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Key", KEY,
            "Sec-WebSocket-Version", "13");
    private final Doubles.Request stripped = new Doubles.Request("GET", "/app/echo",
            "Host", "127.0.0.1:8080", "Connection", "close", "X-Forwarded-For", "10.0.0.1", "Sec-WebSocket-Key", KEY,
            "Sec-WebSocket-Version", "13");
    private final Doubles.Request malformed = new Doubles.Request("GET", "/app/echo",
            "Host", "127.0.0.1:8080", "Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Key", "c2hvcnQ=",
            "Sec-WebSocket-Version", "13");
    private final Doubles.Request oldVersion = new Doubles.Request("GET", "/app/echo",
            "Host", "127.0.0.1:8080", "Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Key", KEY,
            "Sec-WebSocket-Version", "8");

    @Setup
    public void setUp(Blackhole bh) throws ServletException {
        // The benchmark measures the decision, not the console.
        Logger.getLogger("dev.wsguard").setLevel(Level.OFF);
        blackhole = bh;
        logMode = start(Map.of("endpoints", "/echo, /chat/{room}"));
        enforceMode = start(Map.of("endpoints", "/echo, /chat/{room}", "mode", "enforce"));
        noEndpoints = start(Map.of());
        passThrough = (req, res) -> blackhole.consume(req);
        answers101 = (req, res) -> ((HttpServletResponse) res).setStatus(101);
        answers200 = (req, res) -> {
            ((HttpServletResponse) res).setStatus(200);
            res.setContentType("text/plain");
            res.getWriter().write("hello");
        };
    }

    private static WebSocketGuardFilter start(Map<String, String> params) throws ServletException {
        WebSocketGuardFilter f = new WebSocketGuardFilter();
        f.init(Doubles.filterConfig(Doubles.context(), params));
        return f;
    }

    @TearDown
    public void tearDown() {
        logMode.destroy();
        enforceMode.destroy();
        noEndpoints.destroy();
    }

    /** The baseline: the same request through the same chain, without wsguard. */
    @Benchmark
    public void plainGetWithoutFilter() throws IOException, ServletException {
        passThrough.doFilter(plainGet, response);
    }

    /**
     * The container's part of the decision: the three header look-ups the filter makes, done
     * directly. The filter's own cost is {@link #plainGetWithFilter} minus this and the baseline.
     */
    @Benchmark
    public void headerLookupsOnly(Blackhole bh) {
        bh.consume(plainGet.getHeader("Upgrade"));
        bh.consume(plainGet.getHeader("Sec-WebSocket-Key"));
        bh.consume(plainGet.getHeader("Sec-WebSocket-Version"));
    }

    /** A GET that is no upgrade, in a context where wsguard knows no endpoint (no path to match). */
    @Benchmark
    public void plainGetWithFilterNoEndpoints() throws IOException, ServletException {
        noEndpoints.doFilter(plainGet, response, passThrough);
    }

    /** The common case: a GET that is no upgrade, with endpoints known (so the path is matched too). */
    @Benchmark
    public void plainGetWithFilter() throws IOException, ServletException {
        logMode.doFilter(plainGet, response, passThrough);
    }

    /** A valid upgrade the container takes (101), as on Tomcat where wsguard sees them all. */
    @Benchmark
    public void validUpgradeAnswered101() throws IOException, ServletException {
        validUpgrade.reset();
        response.reset200();
        logMode.doFilter(validUpgrade, response, answers101);
    }

    /** A valid upgrade to a wrong path, answered 200 by a servlet, in log mode (counted after the first line). */
    @Benchmark
    public void misroutedUpgradeLogMode() throws IOException, ServletException {
        misrouted.reset();
        response.reset200();
        logMode.doFilter(misrouted, response, answers200);
    }

    /** The same in enforce mode: held back, then replaced with wsguard's 400. */
    @Benchmark
    public void misroutedUpgradeEnforceMode() throws IOException, ServletException {
        misrouted.reset();
        response.reset200();
        enforceMode.doFilter(misrouted, response, answers200);
    }

    /** A handshake a proxy stripped, answered 426 by wsguard without calling the chain. */
    @Benchmark
    public void strippedHandshakeEnforceMode() throws IOException, ServletException {
        stripped.reset();
        response.reset200();
        enforceMode.doFilter(stripped, response, answers200);
    }

    /** A malformed handshake (a key of 5 bytes, not 16), answered 400 by wsguard without calling the chain. */
    @Benchmark
    public void malformedHandshakeEnforceMode() throws IOException, ServletException {
        malformed.reset();
        response.reset200();
        enforceMode.doFilter(malformed, response, answers200);
    }

    /** An unsupported version (8), answered 426 with Sec-WebSocket-Version: 13 without calling the chain. */
    @Benchmark
    public void unsupportedVersionEnforceMode() throws IOException, ServletException {
        oldVersion.reset();
        response.reset200();
        enforceMode.doFilter(oldVersion, response, answers200);
    }
}
