package dev.wsguard.boot27;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A startup that goes on for 1.5 s after the web server started: one bean that takes that long to create, as a
 * connection pool reaching its database can. Outside the application's package, so only the tests that ask for it
 * get it.
 */
@Configuration(proxyBeanMethods = false)
class SlowStart {

    static final long MILLIS = 1_500;

    @Bean
    Object slowBean() throws InterruptedException {
        Thread.sleep(MILLIS);
        return new Object();
    }
}
