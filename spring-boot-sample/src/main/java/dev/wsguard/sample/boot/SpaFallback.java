package dev.wsguard.sample.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * A single-page app's fallback: every one-segment path without a dot that nothing else took ({@code /about},
 * {@code /chat}) gets the app's HTML shell with 200, so that the app's router can show the page. Also a typo's
 * WebSocket handshake ({@code /ecco}): the browser says "Unexpected response code: 200", wsguard says WSG01 and names
 * {@code /echo}. A path with a dot is a file ({@code /index.html}, where Boot's welcome page forwards {@code /}), left
 * to the static resources.
 *
 * <p>It is a handler mapping of low precedence (after controllers, the WebSocket and STOMP endpoints and the welcome
 * page; before the static resources, which would otherwise answer 404), so it shadows nothing. The usual
 * {@code @GetMapping("/{path}")} controller would not do: Spring MVC asks controllers before the WebSocket handler
 * mappings, so it would take {@code /echo} and {@code /ws} too.
 */
@Configuration
public class SpaFallback {

    /** The shell's resource on the class path. */
    static final String SHELL = "spa/index.html";
    /** One path segment, no dot in it. */
    static final String PATTERN = "/{page:[^.]+}";

    @Bean
    SimpleUrlHandlerMapping spaFallbackMapping() {
        byte[] shell = read(SHELL);
        HttpRequestHandler handler = (request, response) -> {
            response.setContentType("text/html;charset=UTF-8");
            response.setContentLength(shell.length);
            response.getOutputStream().write(shell);
        };
        // LOWEST_PRECEDENCE - 1 is Spring MVC's static resources (/**), which come last.
        return new SimpleUrlHandlerMapping(Map.of(PATTERN, handler), Ordered.LOWEST_PRECEDENCE - 2);
    }

    private static byte[] read(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the single-page app's shell " + resource + " is missing", e);
        }
    }
}
