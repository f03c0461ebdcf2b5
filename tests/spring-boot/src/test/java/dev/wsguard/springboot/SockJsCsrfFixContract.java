package dev.wsguard.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.log.Marker;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The fix {@code StarterWarnsOfCsrfOnSockJsTest}'s warning gives, applied as it reads in the application's only
 * security filter chain ({@code app.sockjs-csrf-exempt}): the starter says nothing of CSRF at startup, and the POST
 * that opens a SockJS session over the xhr transport, which Spring Security refused without the fix, opens it.
 * Each class says how its application applies the fix and where its {@code DispatcherServlet} is.
 */
abstract class SockJsCsrfFixContract extends OneBootAppTest {

    static final String USER = "stomp";
    static final String PASSWORD = "stomp-password";

    /** The {@code DispatcherServlet}'s path as a prefix: where the SockJS endpoint and a marker are. */
    protected abstract String servletPrefix();

    @Test
    void withTheFixNothingIsSaidOfCsrf() throws Exception {
        // The warning would come before WSG00, which the starter's handover writes after it.
        log.awaitCode("WSG00");
        assertEquals(List.of(), StarterWarnsOfCsrfOnSockJsTest.csrfWarnings(log), log.describe());
    }

    @Test
    void theXhrTransportsFirstPostOpensTheSessionWithNothingLogged() throws Exception {
        int mark = log.mark();
        String session = UUID.randomUUID().toString().replace("-", "");
        RawRequest open = RawRequest.request("POST", servletPrefix() + "/ws/000/" + session + "/xhr", "HTTP/1.1")
                .header("Host", RawRequest.AUTHORITY).header("Content-Length", "0").header("Connection", "close")
                .build();
        try (RawResponse opened = RawHttp.exchange(app.port(), open)) {
            assertEquals(200, opened.status(), opened.head());
            // SockJS's open frame.
            assertEquals("o\n", opened.bodyText(), opened.head());
        }
        log.assertNoRequestLineBefore(Marker.at(app.port(), servletPrefix()), mark);
    }
}
