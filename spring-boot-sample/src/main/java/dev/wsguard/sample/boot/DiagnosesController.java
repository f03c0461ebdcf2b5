package dev.wsguard.sample.boot;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/diagnoses?after=N}: the wsguard lines that {@link DiagnosisFeed} kept with a sequence number above
 * N (all of them without {@code after}), and wsguard's mode, as JSON:
 * <pre>{"mode":"log","latest":12,"records":[{"seq":12,"millis":1732500000000,"level":"WARNING","code":"WSG01","line":"WSG01 ..."}]}</pre>
 * The demo page asks after each attempt and matches a line to the attempt by its request path.
 */
@RestController
public class DiagnosesController {

    /** What the page shows and the JSON carries. */
    public record Diagnoses(String mode, long latest, java.util.List<DiagnosisFeed.Entry> records) {
    }

    private final DiagnosisFeed feed;
    private final String mode;

    public DiagnosesController(DiagnosisFeed feed, @Value("${wsguard.mode:log}") String mode) {
        this.feed = feed;
        this.mode = mode;
    }

    @GetMapping("/api/diagnoses")
    public ResponseEntity<Diagnoses> diagnoses(@RequestParam(name = "after", defaultValue = "0") long after) {
        if (after < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "after must be a sequence number (0 or more)");
        }
        DiagnosisFeed.Page page = feed.after(after);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new Diagnoses(mode, page.latest(), page.records()));
    }
}
