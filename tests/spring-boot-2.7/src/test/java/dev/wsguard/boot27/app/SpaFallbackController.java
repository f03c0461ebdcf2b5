package dev.wsguard.boot27.app;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A single-page app's fallback: every GET that nothing else took is answered 200, as text, the way an SPA's
 * index page would be (text rather than HTML, so the answer is the catalogue's plain-text 200). A handshake Tomcat
 * does not upgrade ends up here: the browser's "Unexpected response code: 200".
 */
@RestController
class SpaFallbackController {

    @GetMapping(path = "/**", produces = MediaType.TEXT_PLAIN_VALUE)
    String shell() {
        return Boot27App.SHELL;
    }
}
