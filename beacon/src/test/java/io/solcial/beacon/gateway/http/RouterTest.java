package io.solcial.beacon.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouterTest {
    private final Handler ok = r -> Response.text(200, "ok");
    private final Router router = new Router()
            .get("/", ok)
            .get("/u/{address}", ok)
            .get("/static/{file}", ok)
            .get("/ipfs/{cid}/{path...}", ok);

    @Test
    void bindsParametersAndRestPaths() {
        Router.Match.Found u = assertInstanceOf(Router.Match.Found.class, router.route("GET", "/u/abc"));
        assertEquals("/u/{address}", u.route().pattern());
        assertEquals(Map.of("address", "abc"), u.params());
        Router.Match.Found rest = assertInstanceOf(Router.Match.Found.class, router.route("HEAD", "/ipfs/bafy/a/b"));
        assertEquals(Map.of("cid", "bafy", "path", "a/b"), rest.params());
        assertInstanceOf(Router.Match.Found.class, router.route("GET", "/"));
    }

    @Test
    void unknownPathsAndEmptySegmentsAreNotFound() {
        assertInstanceOf(Router.Match.NotFound.class, router.route("GET", "/u/"));
        assertInstanceOf(Router.Match.NotFound.class, router.route("GET", "/u/a/b"));
        assertInstanceOf(Router.Match.NotFound.class, router.route("GET", "/ipfs/bafy"));
        assertInstanceOf(Router.Match.NotFound.class, router.route("GET", "/nope"));
    }

    @Test
    void aKnownPathWithAnotherMethodIsNotAllowed() {
        Router.Match.MethodNotAllowed m = assertInstanceOf(Router.Match.MethodNotAllowed.class, router.route("POST", "/u/x"));
        assertEquals(Set.of("GET", "HEAD"), m.allowed());
    }

    @Test
    void restParameterMustBeLast() {
        assertThrows(IllegalArgumentException.class, () -> new Router().get("/a/{x...}/b", ok));
        assertThrows(IllegalArgumentException.class, () -> new Router().get("a", ok));
    }
}
