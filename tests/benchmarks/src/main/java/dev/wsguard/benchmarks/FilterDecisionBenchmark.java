package dev.wsguard.benchmarks;

import dev.wsguard.WebSocketGuardFilter;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.servlet.FilterConfigDouble;
import dev.wsguard.testkit.servlet.RequestDouble;
import dev.wsguard.testkit.servlet.ResponseDouble;
import dev.wsguard.testkit.servlet.ServletContextDouble;
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

    private static final String HOST = "127.0.0.1:8080";

    private WebSocketGuardFilter logMode;
    private WebSocketGuardFilter noEndpoints;
    private WebSocketGuardFilter enforceMode;
    private Blackhole blackhole;
    private FilterChain passThrough;
    private FilterChain answers101;
    private FilterChain answers200;

    private final ResponseDouble response = new ResponseDouble();
    /** A typical browser GET of a page: the headers a real one carries, none of them an upgrade. */
    private final RequestDouble plainGet = RequestDouble.of(RawRequest.get("/app/index.html").replace("Host", HOST)
            .header("User-Agent", "Mozilla/5.0").header("Accept", "text/html").header("Accept-Language", "en")
            .header("Accept-Encoding", "gzip").header("Connection", "keep-alive").header("Cookie", "JSESSIONID=abc")
            .build());
    private final RequestDouble validUpgrade = upgrade("/app/echo");
    private final RequestDouble misrouted = upgrade("/app/ecco");
    private final RequestDouble stripped = RequestDouble.of(RawRequest.get("/app/echo").replace("Host", HOST)
            .header("Connection", "close").header("X-Forwarded-For", "10.0.0.1")
            .header("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY).header("Sec-WebSocket-Version", "13").build());
    private final RequestDouble malformed = RequestDouble.of(RawRequest.validUpgrade("/app/echo").with("Host", HOST)
            .with("Sec-WebSocket-Key", "c2hvcnQ="));
    private final RequestDouble oldVersion = RequestDouble.of(RawRequest.validUpgrade("/app/echo").with("Host", HOST)
            .with("Sec-WebSocket-Version", "8"));

    private static RequestDouble upgrade(String target) {
        return RequestDouble.of(RawRequest.validUpgrade(target).with("Host", HOST));
    }

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
        f.init(new FilterConfigDouble(new ServletContextDouble("/app").serverInfo("benchmark")
                .classLoader(FilterDecisionBenchmark.class.getClassLoader()).context(), params));
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
        filterRecycled(logMode, validUpgrade, answers101);
    }

    /** A valid upgrade to a wrong path, answered 200 by a servlet, in log mode (counted after the first line). */
    @Benchmark
    public void misroutedUpgradeLogMode() throws IOException, ServletException {
        filterRecycled(logMode, misrouted, answers200);
    }

    /** The same in enforce mode: held back, then replaced with wsguard's 400. */
    @Benchmark
    public void misroutedUpgradeEnforceMode() throws IOException, ServletException {
        filterRecycled(enforceMode, misrouted, answers200);
    }

    /** A handshake a proxy stripped, answered 426 by wsguard without calling the chain. */
    @Benchmark
    public void strippedHandshakeEnforceMode() throws IOException, ServletException {
        filterRecycled(enforceMode, stripped, answers200);
    }

    /** A malformed handshake (a key of 5 bytes, not 16), answered 400 by wsguard without calling the chain. */
    @Benchmark
    public void malformedHandshakeEnforceMode() throws IOException, ServletException {
        filterRecycled(enforceMode, malformed, answers200);
    }

    /** An unsupported version (8), answered 426 with Sec-WebSocket-Version: 13 without calling the chain. */
    @Benchmark
    public void unsupportedVersionEnforceMode() throws IOException, ServletException {
        filterRecycled(enforceMode, oldVersion, answers200);
    }

    /** One request through a filter, on a request and response recycled as a container recycles them. */
    private void filterRecycled(WebSocketGuardFilter filter, RequestDouble request, FilterChain chain)
            throws IOException, ServletException {
        request.recycle();
        response.recycle();
        filter.doFilter(request, response, chain);
    }
}
