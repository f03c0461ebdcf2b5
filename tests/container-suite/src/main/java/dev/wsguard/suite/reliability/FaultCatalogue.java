package dev.wsguard.suite.reliability;

import static dev.wsguard.suite.reliability.Fault.fault;

import dev.wsguard.suite.reliability.Fault.Expected;
import dev.wsguard.testkit.server.ContainerKind;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The faults of the downstream ({@code FaultServlet}), as data: each a misrouted upgrade that the servlet answers
 * 200, gone wrong in one way, with what every container gives the client and wsguard logs for it in log and enforce
 * mode (observed, re-checked on every run by {@code FaultsContract} in each container's module). {@code big} writes
 * 300,000 bytes, over the default {@code buffer-limit} of 64 KiB.
 */
public final class FaultCatalogue {

    /** Every container the catalogue has answers for; a new one is added here once its answers are recorded. */
    private static final ContainerKind[] EVERY = {ContainerKind.JETTY_12_1, ContainerKind.JETTY_12_0,
        ContainerKind.TOMCAT_11, ContainerKind.TOMCAT_10_1, ContainerKind.UNDERTOW_2_3, ContainerKind.GLASSFISH_7};

    private static final List<Fault> FAULTS = List.of(
            // The container turns the exception into its own 500 (the 14 bytes written were still in its buffer);
            // wsguard sees a 5xx, which it never alters: WSG07.
            fault("throw-after-write", "writes a few bytes, then throws")
                    .on(new Expected("500 container", "WSG07", "answered 500"),
                            new Expected("500 container", "WSG07", "answered 500"), EVERY)
                    .build(),
            // Enforce mode defers the flush, so the 200 can still be replaced; log mode lets it through.
            fault("flush-early", "calls flushBuffer() before wsguard has decided, then writes more")
                    .on(new Expected("200 app", "WSG01", "answered 200"),
                            new Expected("400 wsguard", "WSG01", "answered 200"), EVERY)
                    .build(),
            // Past buffer-limit the held bytes go out first, then the rest: the body must arrive whole.
            fault("big", "writes 300,000 bytes in odd pieces, single bytes among them")
                    .on(new Expected("200 app", "WSG01", "answered 200"),
                            new Expected("200 app", "WSG01", "exceeded buffer-limit"), EVERY)
                    .build(),
            // Answered after the chain returned: followed to the end, diagnosed, not replaceable.
            fault("async", "starts async and answers 200 on another thread 150 ms after the chain returned")
                    .on(new Expected("200 app", "WSG01", "answered 200"),
                            new Expected("200 app", "WSG01", "answered asynchronously"), EVERY)
                    .build(),
            // The client resets the connection after 32 KiB of an endless answer.
            fault("endless", "writes and flushes 8 KiB pieces until the client resets the connection")
                    .on(new Expected("200 app", "WSG01", ""), new Expected("200 app", "WSG01", ""), EVERY)
                    .build());

    private FaultCatalogue() {
    }

    public static List<Fault> faults() {
        return FAULTS;
    }

    public static Fault byId(String id) {
        return FAULTS.stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no fault " + id));
    }
}
