package dev.wsguard.springboot.war;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.support.SpringBootServletInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.WebApplicationInitializer;
import org.springframework.web.socket.server.standard.ServerEndpointExporter;

/**
 * A Boot application made a WAR the usual way (a {@code SpringBootServletInitializer}) that declares a
 * {@code ServerEndpointExporter} for {@link WarEcho}, as it would for its embedded server: in an external container,
 * whose scan deploys {@code WarEcho} itself, the exporter deploys it a second time.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
// Names WebApplicationInitializer itself: Jetty's scan sees only the WAR's classes to match @HandlesTypes, and Spring's
// jars are on the test class path here, not in WEB-INF/lib, so it would not know the superclass implements it.
public class WarWithExporter extends SpringBootServletInitializer implements WebApplicationInitializer {

    @Override
    protected SpringApplicationBuilder configure(SpringApplicationBuilder builder) {
        return builder.sources(WarWithExporter.class);
    }

    @Bean
    ServerEndpointExporter serverEndpointExporter() {
        ServerEndpointExporter exporter = new ServerEndpointExporter();
        exporter.setAnnotatedEndpointClasses(WarEcho.class);
        return exporter;
    }

    @Bean
    SecurityFilterChain permitAll(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }
}
