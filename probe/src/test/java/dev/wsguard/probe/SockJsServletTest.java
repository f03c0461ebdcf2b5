package dev.wsguard.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.server.JettyEe10Container;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/** A SockJS-like endpoint on Jetty 12.1: its base greets as SockJS does, its raw WebSocket is at /websocket. */
class SockJsServletTest {

    /** What SockJS answers a plain GET at an endpoint's base path. */
    public static class Greeting extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("Welcome to SockJS!\n");
        }
    }

    /** The raw WebSocket transport of that endpoint. */
    @ServerEndpoint("/chat/websocket")
    public static class RawTransport {
        @OnMessage
        public String echo(String message) {
            return message;
        }
    }

    @Test
    void theGreetingLeadsToTheWebsocketVariant() throws Exception {
        Server server = JettyEe10Container.newServer();
        ServletContextHandler context = new ServletContextHandler("/app");
        context.addServlet(new ServletHolder("sockjs", new Greeting()), "/chat");
        JakartaWebSocketServletContainerInitializer.configure(context, (sc, container) ->
                container.addEndpoint(RawTransport.class));
        server.setHandler(context);
        server.start();
        try {
            String base = "ws://127.0.0.1:" + JettyEe10Container.port(server) + "/app/chat";
            ProbeRun run = ProbeRun.of(base).assertNoControlCharacters();
            assertEquals(2, run.exit(), run::toString);
            assertTrue(run.out().contains("WSG01 misrouted: 200"), run::toString);
            assertTrue(run.out().contains(
                    "/app/chat is SockJS; the raw WebSocket is at /app/chat/websocket, which answered 101"), run::toString);
            assertTrue(run.out().contains(base + "/websocket 101"), run::toString);
            assertEquals(0, ProbeRun.of("--send", "hi", base + "/websocket").exit());
        } finally {
            JettyEe10Container.stopQuietly(server);
        }
    }
}
