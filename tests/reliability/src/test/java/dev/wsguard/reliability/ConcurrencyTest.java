package dev.wsguard.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.http.WebSocketFrames;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.reliability.harness.Container;
import dev.wsguard.testkit.log.GuardJmx;
import dev.wsguard.reliability.harness.LogLines;
import dev.wsguard.reliability.harness.Probes;
import dev.wsguard.reliability.harness.RawBytes;
import dev.wsguard.reliability.harness.Results;
import dev.wsguard.reliability.harness.Stack;
import dev.wsguard.reliability.harness.StackSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 200 clients at once in enforce mode: 100 valid upgrades to the real {@code /echo} endpoint (each must get 101 and its
 * frame echoed, and keeps its connection open until every client is done) and 100 misrouted upgrades to distinct paths
 * (each must get wsguard's 400 {@code WSG01}). Then wsguard's MBean must count exactly that. The filter order decides
 * what it can count: on Tomcat wsguard runs before Tomcat's WsFilter and sees all 200 attempts and the 100 upgrades
 * complete; on Jetty, Jetty's WebSocketUpgradeFilter answers the valid ones before any application filter, so wsguard
 * sees only the 100 misrouted ones (SCENARIOS.md, "Filter order differs").
 */
class ConcurrencyTest {

    private static final int VALID = 100;
    private static final int MISROUTED = 100;
    private static final Duration ALL_DONE = Duration.ofSeconds(30);

    @ParameterizedTest
    @EnumSource(Container.class)
    void twoHundredConcurrentClients(Container container) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach();
             Stack stack = StackSpec.standard(container, Map.of("mode", "enforce")).start()) {
            ObjectName bean = GuardJmx.await(StackSpec.CONTEXT_PATH, Duration.ofSeconds(5));
            log.awaitCode("WSG00", Duration.ofSeconds(10));
            Map<String, Long> before = GuardJmx.counters(bean);
            int mark = log.mark();

            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch finished = new CountDownLatch(VALID + MISROUTED);
            ExecutorService clients = Executors.newFixedThreadPool(VALID + MISROUTED);
            List<Future<String>> results = new ArrayList<>();
            try {
                for (int i = 0; i < VALID + MISROUTED; i++) {
                    boolean valid = i % 2 == 0; // interleaved, so both kinds are in flight together
                    String path = valid ? "/app/echo" : "/app/misrouted-" + i;
                    String text = "client " + i;
                    results.add(clients.submit(() -> {
                        go.await();
                        RawResponse r = null;
                        String problem;
                        try {
                            r = RawHttp.exchange(stack.port(), RawBytes.upgrade(stack.authority(), path).end());
                            problem = valid ? echoProblem(r, text) : diagnosisProblem(r);
                        } catch (IOException e) {
                            problem = e.toString();
                        }
                        finished.countDown();
                        try {
                            // Valid clients stay connected until all are done: 100 open WebSockets under the load.
                            finished.await(ALL_DONE.toMillis(), TimeUnit.MILLISECONDS);
                        } finally {
                            if (r != null) {
                                r.close();
                            }
                        }
                        return problem.isEmpty() ? "" : path + ": " + problem;
                    }));
                }
                go.countDown();
                List<String> problems = new ArrayList<>();
                for (Future<String> f : results) {
                    String p = f.get(ALL_DONE.toSeconds() + 10, TimeUnit.SECONDS);
                    if (!p.isEmpty()) {
                        problems.add(p);
                    }
                }
                assertEquals(List.of(), problems, "clients whose answer was wrong");
            } finally {
                clients.shutdownNow();
                assertTrue(clients.awaitTermination(10, TimeUnit.SECONDS), "client threads did not end");
            }

            long seenUpgrades = container.guardSeesValidUpgrades() ? VALID : 0;
            Map<String, Long> expected = new TreeMap<>(Map.of("upgradeRequests", MISROUTED + seenUpgrades,
                    "WSG01", (long) MISROUTED));
            if (seenUpgrades > 0) {
                expected.put("upgradesCompleted", seenUpgrades);
            }
            Map<String, Long> after = GuardJmx.awaitCounters(bean,
                    now -> now.get("WSG01") - before.get("WSG01") >= MISROUTED, Probes.LINE_TIMEOUT);
            Thread.sleep(Probes.EXTRA_LINE_GRACE.toMillis()); // a late extra count or line would show
            after = GuardJmx.counters(bean);
            Map<String, Long> delta = GuardJmx.delta(before, after);
            assertEquals(expected, delta, "MBean counters after " + VALID + " upgrades and " + MISROUTED
                    + " misrouted");

            // One clean line per misrouted client, each naming its own path; nothing for the valid ones.
            List<String> lines = log.messagesSince(mark);
            Set<String> paths = new TreeSet<>();
            for (String line : lines) {
                assertEquals("WSG01", GuardLogCapture.codeOf(line), line);
                assertEquals("", LogLines.problems(line, (char) 0), line);
                paths.add(line.replaceFirst(".* (/app/misrouted-\\d+) .*", "$1"));
            }
            assertEquals(MISROUTED, lines.size(), "lines logged: " + lines.size());
            assertEquals(MISROUTED, paths.size(), "distinct paths in the lines");
            Results.write("concurrency-" + container.name().toLowerCase() + ".md", "| " + container + " | "
                    + VALID + " valid (101 + echo) and " + MISROUTED + " misrouted (400 WSG01) at once | counters "
                    + delta + " | " + lines.size() + " WSG01 lines |\n");
        }
    }

    private static String echoProblem(RawResponse r, String text) throws IOException {
        if (r.status() != 101) {
            return "got " + r.statusLine();
        }
        WebSocketFrames.sendText(r.upgradedOutput(), text);
        String echo = WebSocketFrames.read(r.upgradedInput()).text();
        return text.equals(echo) ? "" : "echo '" + echo + "'";
    }

    private static String diagnosisProblem(RawResponse r) {
        String code = r.header("WSGuard-Code").orElse("none");
        return r.status() == 400 && code.equals("WSG01") ? "" : "got " + r.statusLine() + ", WSGuard-Code " + code;
    }
}
