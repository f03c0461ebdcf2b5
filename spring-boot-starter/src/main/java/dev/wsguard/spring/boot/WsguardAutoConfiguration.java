package dev.wsguard.spring.boot;

import dev.wsguard.WebSocketGuardFilter;
import jakarta.servlet.DispatcherType;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Registers wsguard's filter in a servlet web application as the reference {@code web.xml} install declares it:
 * first among the filters, mapped to {@code /*}, async-supported, for REQUEST dispatches (a {@code <filter-mapping>}
 * without {@code <dispatcher>}). The {@code wsguard.*} properties that are set become its init-params. Once the
 * application context is refreshed, the filter is told the WebSocket endpoints Spring deploys itself
 * ({@link SpringEndpoints}), which it cannot see on its own.
 *
 * <p>Uses only what Spring Boot 3.5 and 4.0 both have, in the same packages, so one jar serves both.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(WebSocketGuardFilter.class)
@ConditionalOnProperty(prefix = WsguardProperties.PREFIX, name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(WsguardProperties.class)
public class WsguardAutoConfiguration {

    /** The filter's name in the servlet context, as in the reference {@code web.xml}. */
    public static final String FILTER_NAME = "wsguard";

    /**
     * First of all filters: before Spring Security's {@code springSecurityFilterChain} (-100 by default), so that
     * wsguard sees every upgrade request and what the application answered, a login redirect included.
     */
    public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE;

    /** The registration's bean name. */
    public static final String REGISTRATION_BEAN_NAME = "wsguardFilterRegistration";

    /** Boot's switch for JMX, off by default; where it is on, Boot starts the MBean server and wsguard's bean joins it. */
    static final String JMX_ENABLED_PROPERTY = "spring.jmx.enabled";

    /** The bean that tells the filter Spring's WebSocket endpoints. */
    public static final String HANDOVER_BEAN_NAME = "wsguardSpringEndpointHandover";

    /**
     * The filter's registration, unless the application registers wsguard itself (a {@code FilterRegistrationBean}
     * of it, or a {@code WebSocketGuardFilter} bean, which Boot registers): two would judge every request twice. The
     * application's own is still told Spring's endpoints ({@link SpringEndpointHandover}).
     */
    @Bean(REGISTRATION_BEAN_NAME)
    @ConditionalOnMissingBean(value = WebSocketGuardFilter.class, parameterizedContainer = FilterRegistrationBean.class)
    public FilterRegistrationBean<WebSocketGuardFilter> wsguardFilterRegistration(WsguardProperties properties,
            Environment environment, ApplicationContext context) {
        Map<String, String> initParameters;
        try {
            initParameters = properties.toInitParameters();
        } catch (InvalidWsguardPropertyException e) {
            throw e.withOrigin(origin(environment, e.getProperty()));
        }
        WebSocketGuardFilter filter = WebSocketGuardFilter.forFramework();
        if (!environment.getProperty(JMX_ENABLED_PROPERTY, Boolean.class, false)) {
            // Boot keeps JMX off unless asked: wsguard's init would otherwise start the JVM's MBean server just for
            // its own bean (most of the starter's startup cost); the meters and /actuator/wsguard show the same.
            filter.mbeanOnlyWhereJmxRuns();
        }
        // Lines name the handler Spring chose, or its security chain, rather than only dispatcherServlet, and explain
        // the refusals of its origin checks and security chain.
        filter.describeAnswerer(SpringAnswerer.of(context));
        FilterRegistrationBean<WebSocketGuardFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName(FILTER_NAME);
        registration.setOrder(FILTER_ORDER);
        registration.setAsyncSupported(true);
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setInitParameters(initParameters);
        return registration;
    }

    /**
     * Tells every registered wsguard filter, the starter's or the application's own, Spring's own WebSocket endpoints
     * once the application context is refreshed; the starter's {@code WSG00} waits for them.
     */
    @Bean(HANDOVER_BEAN_NAME)
    SpringEndpointHandover wsguardSpringEndpointHandover(ApplicationContext context) {
        return new SpringEndpointHandover(context);
    }

    /** Where a property was set, as Boot's own failure reports say it; null if unknown. */
    private static String origin(Environment environment, String property) {
        try {
            ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
            for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
                ConfigurationProperty found = source.getConfigurationProperty(name);
                if (found != null) {
                    return found.getOrigin() != null ? found.getOrigin().toString() : null;
                }
            }
        } catch (RuntimeException e) {
            // Only decorates the report.
        }
        return null;
    }
}
