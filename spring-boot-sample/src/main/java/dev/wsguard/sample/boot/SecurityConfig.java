package dev.wsguard.sample.boot;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Security with form login: {@code /secure/**} (the handler at {@code /secure/ws} among it) needs a signed-in
 * user, everything else is open. A handshake to {@code /secure/ws} without a session is redirected to {@code /login}
 * like any request, which a WebSocket client cannot follow (wsguard's WSG07); with the session cookie of a login, the
 * same handshake gets 101.
 *
 * <p>One in-memory user, {@value #DEMO_USER} / {@value #DEMO_PASSWORD}, stored without encoding: a demo on
 * 127.0.0.1, never a pattern for a real application.
 */
@Configuration
public class SecurityConfig {

    public static final String DEMO_USER = "demo";
    public static final String DEMO_PASSWORD = "demo";

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/secure/**").authenticated()
                        .anyRequest().permitAll())
                // Back to the demo page after signing in, never to the saved request: that would be the handshake
                // URL /secure/ws, which Spring answers a plain GET with 400.
                .formLogin(login -> login.defaultSuccessUrl("/", true))
                // SockJS's HTTP fallback transports POST to /ws/** without a CSRF token; the chat is public.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/ws/**"));
        return http.build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(User.withUsername(DEMO_USER).password("{noop}" + DEMO_PASSWORD).roles("USER").build());
    }
}
