package io.gatehouse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.http.GatewayHeaders;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checked-in OpenAPI document that {@code GET /openapi} serves describes every JAX-RS route (found by
 * reflection, so a new route without its entry fails here), the catch-all proxy and every gateway header.
 */
class OpenApiDocumentTest {
    private static final List<Class<?>> RESOURCES = List.of(UnifiedRoutesResource.class, MessagesResource.class,
            ResponsesResource.class);
    private static String text;
    private static JsonObject document;

    @BeforeAll
    static void read() throws Exception {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/META-INF/openapi.json")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        try (var reader = Json.createReader(new java.io.StringReader(text))) {
            document = reader.readObject();
        }
    }

    @Test
    void itIsAnOpenApi3Document() {
        assertTrue(document.getString("openapi").startsWith("3."));
        assertFalse(document.getJsonObject("info").getString("title").isBlank());
    }

    @Test
    void everyJaxRsRouteIsDescribedWithItsMethod() {
        JsonObject paths = document.getJsonObject("paths");
        List<String> routes = routes();
        assertEquals(10, routes.size(), routes.toString());
        for (String route : routes) {
            String[] methodAndPath = route.split(" ", 2);
            JsonObject path = paths.getJsonObject(methodAndPath[1]);
            assertTrue(path != null && path.containsKey(methodAndPath[0]), "missing from openapi.json: " + route);
        }
    }

    @Test
    void theProxyAndTheOperationsEndpointsAreDescribed() {
        JsonObject paths = document.getJsonObject("paths");
        for (String path : List.of("/v1/{path}", "/v1/proxy/{path}", "/metrics", "/health", "/health/ready", "/openapi", "/")) {
            assertTrue(paths.containsKey(path), path);
        }
    }

    @Test
    void everyGatewayHeaderIsDescribed() throws Exception {
        for (Field f : GatewayHeaders.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.get(null) instanceof String name && name.length() > GatewayHeaders.PREFIX.length()) {
                assertTrue(text.contains("\"" + name + "\""), name);
            }
        }
    }

    @Test
    void everyReferenceResolves() {
        Matcher refs = Pattern.compile("\"\\$ref\": \"#/([^\"]+)\"").matcher(text);
        while (refs.find()) {
            JsonObject at = document;
            String[] parts = refs.group(1).split("/");
            for (int i = 0; i < parts.length - 1; i++) {
                at = at.getJsonObject(parts[i]);
            }
            assertTrue(at.containsKey(parts[parts.length - 1]), refs.group(1));
        }
    }

    /** Each resource method as {@code post /v1/chat/completions}. */
    private static List<String> routes() {
        List<String> routes = new ArrayList<>();
        for (Class<?> resource : RESOURCES) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method m : resource.getDeclaredMethods()) {
                String verb = m.isAnnotationPresent(POST.class) ? "post" : m.isAnnotationPresent(GET.class) ? "get"
                        : m.isAnnotationPresent(DELETE.class) ? "delete" : m.isAnnotationPresent(PUT.class) ? "put" : null;
                if (verb == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String path = "/v1/" + base + (sub == null ? "" : "/" + sub.value());
                routes.add(verb + " " + path.replaceAll("/+", "/").toLowerCase(Locale.ROOT));
            }
        }
        return routes;
    }
}
