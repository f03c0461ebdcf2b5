package dev.wsguard.spring.boot;

import dev.wsguard.spring.boot.WebSocketHandlerMappings.SockJsPosts;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.FilterInvocation;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AuthorizationManagerWebInvocationPrivilegeEvaluator.HttpServletRequestTransformer;
import org.springframework.security.web.access.PathPatternRequestTransformer;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Whether Spring Security's CSRF protection covers a SockJS endpoint's POST transports
 * ({@link SpringStartupProblem#SOCKJS_TRANSPORTS_UNDER_CSRF}). SockJS's client cannot add a CSRF token to them, so
 * each gets Security's 403 and a client that falls back from WebSocket cannot connect. They are no handshakes, and the
 * filter never looks at them; the application's configuration tells it once, at startup, instead.
 *
 * <p>Asked as Spring Security asks itself whether a URL is allowed ({@code WebInvocationPrivilegeEvaluator}): a
 * {@link FilterInvocation}'s request for a POST to the transport's path, made readable by the application's own
 * request transformer, goes to the first security filter chain that matches it, whose {@link CsrfFilter} says
 * whether it would demand a token. The filter keeps that matcher in a private field (the same name in Spring Security
 * 6.5 and 7.0); where it cannot be read, or a matcher cannot judge such a request, nothing is said. Loaded only where
 * spring-security-web and spring-websocket are on the class path.
 */
final class SockJsCsrfCheck {

    static final String SECURITY_CLASS = "org.springframework.security.web.FilterChainProxy";
    private static final String PATTERN_PART = "SpringStartupProblem.part.pattern";
    private static final String PATH_PATTERN_PART = "SpringStartupProblem.part.pathPattern";
    private static final String MATCHER_FIELD = "requireCsrfProtectionMatcher";
    /** Stands for the server and session segments of a transport's path; SockJS's client picks them at random. */
    private static final String SESSION = "/000/wsguard-check/";

    private SockJsCsrfCheck() {
    }

    /**
     * The problem's values for each SockJS endpoint whose POST transports the application's CSRF protection covers:
     * {@code endpoint}, {@code transports} and the {@code matcher} that exempts its paths.
     *
     * @param prefix the {@code DispatcherServlet}'s path as a prefix ({@link SpringEndpoints#dispatcherServletPrefix})
     */
    static List<Map<String, String>> covered(ApplicationContext context, ServletContext servletContext,
            String prefix) throws ReflectiveOperationException {
        List<Map<String, String>> covered = new ArrayList<>();
        Map<String, FilterChainProxy> proxies = context.getBeansOfType(FilterChainProxy.class, false, false);
        List<SockJsPosts> endpoints = proxies.isEmpty() ? List.of()
                : WebSocketHandlerMappings.sockJsPosts(context, prefix);
        if (endpoints.isEmpty()) {
            return covered;
        }
        HttpServletRequestTransformer transformer = context.getBeanProvider(HttpServletRequestTransformer.class)
                .getIfUnique(PathPatternRequestTransformer::new);
        Field matcherField = CsrfFilter.class.getDeclaredField(MATCHER_FIELD);
        matcherField.setAccessible(true);
        for (SockJsPosts endpoint : endpoints) {
            String root = endpoint.base().equals("/") ? "" : endpoint.base();
            HttpServletRequest post = transformer.transform(
                    request(servletContext, prefix, root + SESSION + endpoint.transports().get(0)));
            for (FilterChainProxy proxy : proxies.values()) {
                if (demandsToken(proxy, post, matcherField)) {
                    covered.add(Map.of("endpoint", endpoint.base(), "transports",
                            String.join(", ", endpoint.transports()), "matcher", matcher(prefix, root + "/**")));
                    break;
                }
            }
        }
        return covered;
    }

    /** The request matcher the fix exempts {@code pattern} with, as the application writes it. */
    private static String matcher(String prefix, String pattern) {
        return SpringTexts.fill(SpringTexts.get(prefix.isEmpty() ? PATTERN_PART : PATH_PATTERN_PART),
                Map.of("pattern", pattern));
    }

    /** A POST to {@code path} (context-relative) as the container would hand it to the {@code DispatcherServlet}. */
    private static HttpServletRequest request(ServletContext servletContext, String prefix, String path) {
        String contextPath = servletContext == null ? "" : servletContext.getContextPath();
        // A DispatcherServlet on "/" gets the whole path as its servlet path; on "/api/*", "/api" and the rest.
        return prefix.isEmpty() || !path.startsWith(prefix + "/")
                ? new FilterInvocation(contextPath, path, null, null, "POST", servletContext).getHttpRequest()
                : new FilterInvocation(contextPath, prefix, path.substring(prefix.length()), null, "POST",
                        servletContext).getHttpRequest();
    }

    /** Whether the chain the proxy picks for the request has a CSRF filter that demands a token of it. */
    private static boolean demandsToken(FilterChainProxy proxy, HttpServletRequest post, Field matcherField)
            throws IllegalAccessException {
        for (SecurityFilterChain chain : proxy.getFilterChains()) {
            if (!chain.matches(post)) {
                continue;
            }
            for (Filter filter : chain.getFilters()) {
                if (filter instanceof CsrfFilter) {
                    Object matcher = matcherField.get(filter);
                    return matcher instanceof RequestMatcher && ((RequestMatcher) matcher).matches(post);
                }
            }
            return false;
        }
        return false;
    }
}
