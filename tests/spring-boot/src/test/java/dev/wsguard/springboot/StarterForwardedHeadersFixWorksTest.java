package dev.wsguard.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.log.Marker;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fix wsguard gives for an origin refusal behind a TLS-terminating proxy works: with
 * {@code server.forward-headers-strategy=native} the container applies the proxy's X-Forwarded-* headers, Spring's
 * origin checks see the browser's https page as same-origin, and the proxied handshakes that
 * {@code StarterExplainsRefusalsTest} sees refused are upgraded, with nothing logged; no allowed origin was added.
 */
class StarterForwardedHeadersFixWorksTest extends OneBootAppTest {

    @Override
    protected BootApp startApp() {
        return BootApp.start(null, List.of(), "--server.forward-headers-strategy=native");
    }

    private void upgraded(RawRequest request) throws Exception {
        int mark = log.mark();
        try (RawResponse response = RawHttp.exchange(app.port(), request)) {
            assertEquals(101, response.status(), response.head());
        }
        log.assertNoRequestLineBefore(Marker.at(app.port(), ""), mark);
    }

    @Test
    void theProxiedHandshakeToSockJsIsUpgraded() throws Exception {
        upgraded(RefusingEndpoints.proxiedHandshake("/ws/001/proxied/websocket"));
    }

    @Test
    void theProxiedHandshakeToTheRawHandlerIsUpgraded() throws Exception {
        upgraded(RefusingEndpoints.proxiedHandshake("/echo"));
    }
}
