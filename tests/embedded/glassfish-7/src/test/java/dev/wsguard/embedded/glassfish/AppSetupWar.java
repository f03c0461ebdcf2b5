package dev.wsguard.embedded.glassfish;

import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.Deployment;
import dev.wsguard.testkit.server.FilterSpec;
import dev.wsguard.testkit.server.ServletSpec;
import dev.wsguard.suite.scenarios.Guard;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A catalogue app setup the sample WAR does not have (an SPA fallback at {@code /*}, only GlassFish's default
 * servlet, a login filter that answers 401...), written as the exploded WAR a user would deploy:
 * {@code WEB-INF/web.xml} declaring the deployment's filters (wsguard, a probe before it...), then the setup's, and
 * the setup's servlets and the deployment's, in the order {@link Deployment} gives them, the app's classes (from the test kit) in {@code WEB-INF/classes}, and
 * wsguard's jar, taken from the sample WAR, in {@code WEB-INF/lib} when wsguard is deployed. GlassFish's own
 * scan finds the annotated endpoints (Tyrus) and wsguard's initializer, as in any WAR. A servlet at {@code /}
 * replaces GlassFish's own default servlet; without one (DEFAULT_SERVLET_ONLY) that default servlet answers.
 */
final class AppSetupWar {

    /** Shared deployments repeat requests to one path; the sample's window, so each case sees its line. */
    static final String LOG_WINDOW_SECONDS = "1";

    private AppSetupWar() {
    }

    /**
     * Writes the WAR for {@code deployment} into {@code dir}.
     *
     * @param guardJar wsguard's jar as the sample WAR packages it; copied only when the first filter is wsguard
     */
    static void write(Deployment deployment, Path guardJar, Path dir) throws IOException {
        AppSetup app = deployment.app();
        boolean guarded = guard(deployment) != null;
        Path webInf = Files.createDirectories(dir.resolve("WEB-INF"));
        Files.writeString(webInf.resolve("web.xml"), webXml(deployment), StandardCharsets.UTF_8);

        Set<String> classes = new LinkedHashSet<>();
        if (app.webSocketSupport()) {
            app.endpointClasses().forEach(type -> classes.add(type.getName()));
        }
        // NO_WEBSOCKET: GlassFish hands Tyrus every annotated endpoint its deployment scan finds in the WAR,
        // whatever web.xml says (metadata-complete="true" and an empty <absolute-ordering/> with the endpoint
        // in a WEB-INF/lib jar were both tried: 101). So that app's endpoint class stays where the server's
        // class path has it (as a jar in the domain's lib/ would be) and the WAR holds none: Tyrus's
        // initializer is called with no class, returns at once, and the context gets no ServerContainer.
        deployment.allFilters().stream().map(FilterSpec::className).filter(name -> !name.equals(Guard.FILTER_CLASS))
                .forEach(classes::add);
        deployment.allServlets().forEach(servlet -> classes.add(servletClass(servlet)));
        for (String name : classes) {
            copyClass(name, webInf.resolve("classes"));
        }
        Path lib = Files.createDirectories(webInf.resolve("lib"));
        app.writeResourceBase(dir);
        if (guarded) {
            Files.copy(guardJar, lib.resolve(guardJar.getFileName()));
        }
    }

    /** wsguard among the deployment's filters, or null. */
    static FilterSpec guard(Deployment deployment) {
        return deployment.filters().stream().filter(f -> f.className().equals(Guard.FILTER_CLASS)).findFirst()
                .orElse(null);
    }

    static String webXml(Deployment deployment) {
        AppSetup app = deployment.app();
        FilterSpec guard = guard(deployment);
        StringBuilder x = new StringBuilder(2048);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\"\n")
                .append("         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n")
                .append("         xsi:schemaLocation=\"https://jakarta.ee/xml/ns/jakartaee")
                .append(" https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd\"\n")
                .append("         version=\"6.0\"").append(">\n")
                .append("  <display-name>wsguard catalogue app ").append(app).append("</display-name>\n");
        if (guard != null && !guard.initParams().containsKey("log-window")) {
            // A context-param, so that wsguard's own init-params stay exactly those the suite asked for.
            x.append("  <context-param><param-name>wsguard.log-window</param-name><param-value>")
                    .append(LOG_WINDOW_SECONDS).append("</param-value></context-param>\n");
        }
        for (FilterSpec f : deployment.allFilters()) {
            x.append("  <filter>\n    <filter-name>").append(escape(f.name())).append("</filter-name>\n")
                    .append("    <filter-class>").append(escape(f.className())).append("</filter-class>\n")
                    .append("    <async-supported>true</async-supported>\n");
            for (Map.Entry<String, String> p : new java.util.TreeMap<>(f.initParams()).entrySet()) {
                x.append("    <init-param><param-name>").append(escape(p.getKey())).append("</param-name><param-value>")
                        .append(escape(p.getValue())).append("</param-value></init-param>\n");
            }
            x.append("  </filter>\n  <filter-mapping>\n    <filter-name>").append(escape(f.name()))
                    .append("</filter-name>\n    <url-pattern>").append(escape(f.urlPattern()))
                    .append("</url-pattern>\n    <dispatcher>REQUEST</dispatcher>\n  </filter-mapping>\n");
        }
        for (ServletSpec s : deployment.allServlets()) {
            x.append("  <servlet>\n    <servlet-name>").append(escape(s.name())).append("</servlet-name>\n")
                    .append("    <servlet-class>").append(escape(servletClass(s))).append("</servlet-class>\n")
                    .append("    <async-supported>true</async-supported>\n  </servlet>\n")
                    .append("  <servlet-mapping>\n    <servlet-name>").append(escape(s.name()))
                    .append("</servlet-name>\n    <url-pattern>").append(escape(s.mapping()))
                    .append("</url-pattern>\n  </servlet-mapping>\n");
        }
        // containerDefaultServlet: nothing to declare, GlassFish maps its own "default" servlet to "/" in every
        // web module.
        return x.append("</web-app>\n").toString();
    }

    /** The servlet's class, from the instance the spec makes (the spec names no class). */
    private static String servletClass(ServletSpec spec) {
        return spec.servlet().get().getClass().getName();
    }

    private static void copyClass(String binaryName, Path classesDir) throws IOException {
        String resource = binaryName.replace('.', '/') + ".class";
        Path target = classesDir.resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in = AppSetupWar.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no class file for " + binaryName + " on the test class path");
            }
            Files.copy(in, target);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
