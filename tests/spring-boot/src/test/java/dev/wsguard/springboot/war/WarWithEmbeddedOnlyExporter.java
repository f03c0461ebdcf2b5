package dev.wsguard.springboot.war;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnNotWarDeployment;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.support.SpringBootServletInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.WebApplicationInitializer;
import org.springframework.web.socket.server.standard.ServerEndpointExporter;

/**
 * {@link WarWithExporter} with the fix the starter's failure analysis gives: the exporter is declared only where the
 * application runs its embedded server, so in an external container only the container's scan deploys
 * {@link WarEcho}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
// Names WebApplicationInitializer itself: Jetty's scan sees only the WAR's classes to match @HandlesTypes, and Spring's
// jars are on the test class path here, not in WEB-INF/lib, so it would not know the superclass implements it.
public class WarWithEmbeddedOnlyExporter extends SpringBootServletInitializer implements WebApplicationInitializer {

    @Override
    protected SpringApplicationBuilder configure(SpringApplicationBuilder builder) {
        return builder.sources(WarWithEmbeddedOnlyExporter.class);
    }

    @Bean
    @ConditionalOnNotWarDeployment
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
