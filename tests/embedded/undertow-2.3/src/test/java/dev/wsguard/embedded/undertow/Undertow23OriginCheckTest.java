package dev.wsguard.embedded.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsguard.suite.scenarios.Guard;
import dev.wsguard.suite.scenarios.GuardMode;
import dev.wsguard.testkit.fixtures.OriginCheckedEndpoint;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.log.LineAssertions;
import dev.wsguard.testkit.log.Marker;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.server.RunningServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalogue's S19 on Undertow, which answers it otherwise than the other containers: a handshake whose endpoint's
 * {@code checkOrigin} refuses the page's origin is passed on to the servlets (the plain servlet's 200 here) instead
 * of answered 403. wsguard's line is then a {@code WSG01} that names the origin check, and the allowed origin still
 * connects.
 */
class Undertow23OriginCheckTest {

    private static final String GUARDED = AppSetup.CONTEXT_PATH + "/guarded";

    @Test
    void aRefusedOriginReachesTheServletsAndTheLineNamesTheOriginCheck() throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach();
             RunningServer server = ContainerKind.UNDERTOW_2_3.newAdapter()
                     .start(Guard.deployment(AppSetup.ORIGIN_CHECKED, GuardMode.LOG))) {
            int mark = log.mark();
            try (RawResponse allowed = RawHttp.exchange(server.port(), RawRequest.validUpgrade(GUARDED).toBuilder()
                    .header("Origin", OriginCheckedEndpoint.ALLOWED_ORIGIN).build())) {
                assertEquals(101, allowed.status(), allowed::head);
            }
            try (RawResponse refused = RawHttp.exchange(server.port(), RawRequest.validUpgrade(GUARDED).toBuilder()
                    .header("Origin", "https://evil.example").build())) {
                assertEquals(200, refused.status(), refused::head);
            }
            List<String> lines = log.requestLinesBefore(Marker.at(server.port(), server.contextPath()), mark);
            assertEquals(1, lines.size(), log.describe());
            LineAssertions.assertMentions(log, "WSG01", lines.get(0), "GET /app/guarded", "answered 200",
                    "checkOrigin most likely refused Origin https://evil.example, and Undertow then passes the"
                            + " handshake on as a plain request", "in that configurator's checkOrigin(String)");
        }
    }
}
