package dev.wsguard.springboot;

import dev.wsguard.testkit.http.RawRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * What the refusal tests add to the application: endpoints with origins of their own and paths that Spring Security
 * refuses by a challenge or an access rule. The application's own endpoints keep Spring's default, same origin only.
 */
final class RefusingEndpoints {

    /** The origin {@code /echo-listed} allows. */
    static final String LISTED_ORIGIN = "https://app.example.com";
    /** The user of the HTTP Basic paths, and the Authorization header that authenticates it. */
    static final String USER = "alice";
    static final String BASIC_AUTHORIZATION = "Basic "
            + Base64.getEncoder().encodeToString((USER + ":secret").getBytes(StandardCharsets.UTF_8));

    private RefusingEndpoints() {
    }

    /** The public host of the proxied handshakes: the browser's page is https://{@value}. */
    static final String PUBLIC_HOST = "chat.example.com";

    /**
     * A browser's handshake from https://{@value #PUBLIC_HOST} as a TLS-terminating proxy (nginx with the usual
     * proxy_set_header lines) forwards it over plain http: the public Host, and X-Forwarded-Proto, -Host and -Port.
     */
    static RawRequest proxiedHandshake(String path) {
        return RawRequest.validUpgrade(path).toBuilder()
                .replace("Host", PUBLIC_HOST)
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", PUBLIC_HOST)
                .header("X-Forwarded-Port", "443")
                .header("Origin", "https://" + PUBLIC_HOST)
                .build();
    }

    /**
     * A raw handler allowing one listed origin, and a STOMP endpoint over SockJS allowing origins "*": the setting
     * Spring's CorsConfiguration refuses at request time with SockJS's credentials.
     */
    @Configuration(proxyBeanMethods = false)
    static class Origins implements WebSocketConfigurer, WebSocketMessageBrokerConfigurer {
        @Override
        public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
            registry.addHandler(new TextWebSocketHandler(), "/echo-listed").setAllowedOrigins(LISTED_ORIGIN);
        }

        @Override
        public void registerStompEndpoints(StompEndpointRegistry registry) {
            registry.addEndpoint("/sockjs-any").setAllowedOrigins("*").withSockJS();
        }
    }

    /**
     * {@code /basic/**} needs HTTP Basic authentication (a 401 challenge without it), {@code /forbidden/**} is denied
     * to everyone (403 to the authenticated user {@link #USER}); a chain of their own, ahead of the application's.
     */
    @Configuration(proxyBeanMethods = false)
    static class GuardedPaths {
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        SecurityFilterChain basicAndDenied(HttpSecurity http) throws Exception {
            // Matchers of their own, as the application's (no pattern matcher guessing between servlets).
            http.securityMatcher(request -> under(request.getRequestURI(), request.getContextPath(), "/basic/")
                            || under(request.getRequestURI(), request.getContextPath(), "/forbidden/"))
                    .authorizeHttpRequests(requests -> requests
                            .requestMatchers(request -> under(request.getRequestURI(), request.getContextPath(),
                                    "/forbidden/")).denyAll()
                            .anyRequest().authenticated())
                    .httpBasic(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername(USER).password("{noop}secret").roles("USER")
                    .build());
        }

        private static boolean under(String uri, String contextPath, String prefix) {
            return uri.startsWith(contextPath + prefix);
        }
    }
}
