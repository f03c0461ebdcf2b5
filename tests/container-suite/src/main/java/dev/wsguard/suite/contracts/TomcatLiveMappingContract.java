package dev.wsguard.suite.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsguard.testkit.fixtures.EchoEndpoint;
import dev.wsguard.testkit.fixtures.RoomEndpoint;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.TomcatContainer;
import dev.wsguard.testkit.server.WorkDirs;
import jakarta.websocket.server.ServerContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * wsguard's live question to Tomcat, "which endpoint do you map at this path?" (its per-request lookup,
 * {@code ContainerEndpoints.findMapping}, reflection into {@code WsServerContainer.findMapping}), asked of the real
 * ServerContainer of a started Tomcat with an exact and a template endpoint. Tomcat's answer type differs between
 * lines (a class with {@code getConfig()} on 10.1, a record with {@code config()} on 11), so each Tomcat module runs
 * this against its own. A module subclasses it and calls wsguard's lookup in {@link #findMapping}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TomcatLiveMappingContract {

    private Path work;
    private Tomcat tomcat;
    private Object serverContainer;

    /** wsguard's per-path lookup against Tomcat's ServerContainer: the endpoint's template, or null. */
    protected abstract String findMapping(Object serverContainer, String path);

    @BeforeAll
    void startTomcat() throws Exception {
        work = WorkDirs.create("tomcat-lookup");
        tomcat = TomcatContainer.newTomcat(work.toString());
        Context context = tomcat.addContext(AppSetup.CONTEXT_PATH,
                Files.createDirectories(work.resolve("docbase")).toString());
        context.addServletContainerInitializer(new WsSci(),
                new LinkedHashSet<>(Arrays.asList(EchoEndpoint.class, RoomEndpoint.class)));
        tomcat.start();
        serverContainer = context.getServletContext().getAttribute(ServerContainer.class.getName());
    }

    @AfterAll
    void stopTomcat() {
        if (tomcat != null) {
            TomcatContainer.stopQuietly(tomcat);
        }
        WorkDirs.deleteQuietly(work);
    }

    /** Context-relative path, and the template Tomcat maps it to (null: none). */
    static Stream<Arguments> lookups() {
        return Stream.of(
                Arguments.of("/echo", "/echo"),
                Arguments.of("/rooms/lobby", RoomEndpoint.PATH),
                Arguments.of("/echo2", null),
                Arguments.of("/rooms", null),
                Arguments.of("/rooms/lobby/extra", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookups")
    void tomcatNamesTheEndpointMappedAtAPath(String path, String template) {
        assertEquals("org.apache.tomcat.websocket.server.WsServerContainer",
                serverContainer == null ? null : serverContainer.getClass().getName(), "Tomcat's own ServerContainer");
        assertEquals(template, findMapping(serverContainer, path), () -> "wsguard's lookup of " + path + " on Tomcat "
                + org.apache.catalina.util.ServerInfo.getServerNumber());
    }
}
