package dev.wsguard.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wsguard.endpoints.ClosestEndpoint.Relation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClosestEndpointTest {

    private static EndpointRegistry registry(String... paths) {
        List<KnownEndpoint> list = new ArrayList<>();
        for (String p : paths) {
            list.add(new KnownEndpoint(EndpointTemplate.parse(p), EndpointSource.INIT_PARAM));
        }
        return EndpointRegistry.of(list);
    }

    private static final EndpointRegistry REGISTRY = registry("/echo", "/chat/{room}", "/live/feed", "/notifications");

    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @CsvSource({
        "/echo, /echo, SAME_PATH",
        "/chat/lobby, /chat/{room}, SAME_PATH",
        "/echo/, /echo, TRAILING_SLASH",
        "/live/feed/, /live/feed, TRAILING_SLASH",
        "/Echo, /echo, LETTER_CASE",
        "/CHAT/x, /chat/{room}, LETTER_CASE",
        "/app/echo, /echo, DOUBLED_CONTEXT_PATH",
        "/api/echo, /echo, EXTRA_PREFIX",
        "/chat, /chat/{room}, MISSING_SEGMENT",
        "/chat/, /chat/{room}, MISSING_SEGMENT",
        "/ecco, /echo, TYPO",
        "/echo2, /echo, TYPO",
        "/ehco, /echo, TYPO",
        "/notificatons, /notifications, TYPO",
        "/live/fed, /live/feed, TYPO",
        "/chta/lobby, /chat/{room}, TYPO",
    })
    void finds(String path, String endpoint, Relation relation) {
        ClosestEndpoint.Suggestion s = ClosestEndpoint.find(REGISTRY, "/app", path);
        assertEquals(endpoint, s == null ? null : s.endpoint().path(), path);
        assertEquals(relation, s.relation(), path);
    }

    @ParameterizedTest(name = "{0} is close to nothing")
    @CsvSource({"/chat/a/b/c", "/stock", "/e", "/", "/api/v1/users", "relative"})
    void unrelatedPathsGetNoSuggestion(String path) {
        assertNull(ClosestEndpoint.find(REGISTRY, "/app", path));
    }

    @Test
    void emptyRegistryAndOverlongPathsAreCheap() {
        assertNull(ClosestEndpoint.find(EndpointRegistry.empty(), "", "/echo"));
        assertNull(ClosestEndpoint.find(REGISTRY, "", "/" + "e".repeat(100_000)));
        assertEquals(Relation.TRAILING_SLASH, ClosestEndpoint.find(REGISTRY, "", "/echo/").relation());
    }

    @Test
    void rootContextHasNoDoubledContextPath() {
        assertEquals(Relation.EXTRA_PREFIX, ClosestEndpoint.find(REGISTRY, "", "/app/echo").relation());
    }

    @Test
    void anEndpointOfAnotherContextIsFoundWhenNothingHereIsClose() {
        ContextDirectory others = () -> List.of(
                new ContextEndpoints("/app", List.of(EndpointTemplate.parse("/echo"))),
                new ContextEndpoints("/shop", List.of(EndpointTemplate.parse("/orders/{id}"))));
        ClosestEndpoint.Suggestion missing = ClosestEndpoint.find(EndpointRegistry.empty(), "", "/echo", others);
        assertEquals(Relation.OTHER_CONTEXT, missing.relation());
        assertEquals("/app", missing.otherContext());
        assertEquals("/app/echo", missing.urlPath());
        ClosestEndpoint.Suggestion mistyped = ClosestEndpoint.find(EndpointRegistry.empty(), "", "/shopp/orders/7",
                others);
        assertEquals("/shop/orders/{id}", mistyped.urlPath());
        ClosestEndpoint.Suggestion wrongContext = ClosestEndpoint.find(REGISTRY, "/admin", "/orders/7", others);
        assertEquals("/shop", wrongContext.otherContext());
        assertEquals(Relation.TRAILING_SLASH, ClosestEndpoint.find(REGISTRY, "/shop", "/echo/", others).relation(),
                "this context's own endpoints come first");
        assertNull(ClosestEndpoint.find(REGISTRY, "/app", "/nothing/here", others));
    }

    @Test
    void typoToleranceGrowsWithLength() {
        assertEquals(0, ClosestEndpoint.allowedTypos(EndpointTemplate.parse("/a")));
        assertEquals(1, ClosestEndpoint.allowedTypos(EndpointTemplate.parse("/echo")));
        assertEquals(2, ClosestEndpoint.allowedTypos(EndpointTemplate.parse("/live/feed")));
        assertEquals(3, ClosestEndpoint.allowedTypos(EndpointTemplate.parse("/notifications")));
    }

    @Test
    void aTemplateIsFilledFromTheRequestsSegmentsWhereTheyFit() {
        assertEquals("/chat/lobby", ClosestEndpoint.filledFrom("/chat/{room}",
                "/chatt/lobby"));
        assertEquals("/rooms/7/chat", ClosestEndpoint.filledFrom("/rooms/{id}/chat",
                "/room/7/chat"));
        // Fewer or more segments, or an empty one: the template as it is.
        assertEquals("/chat/{room}", ClosestEndpoint.filledFrom("/chat/{room}",
                "/chat"));
        assertEquals("/chat/{room}", ClosestEndpoint.filledFrom("/chat/{room}",
                "/chat/"));
        assertEquals("/chat/{room}", ClosestEndpoint.filledFrom("/chat/{room}",
                "/a/b/c"));
        assertEquals("/echo", ClosestEndpoint.filledFrom("/echo", "/ecco"));
    }
}
