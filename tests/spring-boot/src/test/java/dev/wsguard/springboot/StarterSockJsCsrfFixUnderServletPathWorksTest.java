package dev.wsguard.springboot;

import dev.wsguard.springboot.app.WsguardBootApp;
import java.util.List;

/**
 * {@link SockJsCsrfFixContract} with the {@code DispatcherServlet} on {@code /api/*} and the matcher the warning gives
 * there ({@code PathPatternRequestMatcher.withDefaults().matcher("/api/ws/**")}, as {@code StarterWithServletPathTest}
 * reads it).
 */
class StarterSockJsCsrfFixUnderServletPathWorksTest extends SockJsCsrfFixContract {

    @Override
    protected BootApp startApp() {
        return BootApp.start(null, List.of(), "--spring.mvc.servlet.path=/api",
                "--" + WsguardBootApp.SOCKJS_CSRF_EXEMPT + "=path-pattern");
    }

    @Override
    protected String servletPrefix() {
        return "/api";
    }
}
