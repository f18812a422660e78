package io.gatehouse.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.gatehouse.http.RequestHeaders;
import io.gatehouse.model.ChatRequest;
import io.gatehouse.model.EmbeddingsRequest;
import io.gatehouse.model.Json;
import io.gatehouse.model.openai.OpenAiChunkWriter;
import io.gatehouse.model.openai.OpenAiRequests;
import io.gatehouse.model.openai.OpenAiResponses;
import io.gatehouse.pipeline.TranslateStream;
import io.gatehouse.testing.FixtureFiles;
import io.gatehouse.testing.JsonAssertions;
import io.gatehouse.testing.OneByteAtATime;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Table-driven mapper tests over the JSON fixtures in {@code src/test/resources/providers/<slug>/}, written
 * from each provider's documented examples:
 * <ul>
 *   <li>{@code request/*.json}: an OpenAI request and the native URL, provider headers and body it becomes (with the
 *       target's provider fields, {@code target_fields}, when the provider needs some);</li>
 *   <li>{@code response/*.json}: a native answer (or error, with its status) and the OpenAI JSON it becomes;</li>
 *   <li>{@code stream/*.sse} + {@code .json}: a native event stream, exactly as sent, and the OpenAI events it
 *       becomes ({@code outcome} ABORT when the upstream connection must be torn down); every stream is fed
 *       in one read and byte by byte (splitting every line and UTF-8 character).</li>
 * </ul>
 */
class ProviderFixturesTest {
    static final long CREATED = 1_700_000_000L;
    static final String API_KEY = "test-key";
    private static final ProviderRegistry PROVIDERS = ProviderRegistry.defaults();

    @TestFactory
    Stream<DynamicTest> requestsBecomeNativeRequests() {
        return fixtures("request", ".json").map(f -> dynamicTest(f.name(), () -> {
            JsonObject fixture = read(f.path());
            TranslatingApi api = translating(f.group());
            JsonObject fields = fixture.getJsonObject("target_fields");
            ProviderCall call = new ProviderCall(PROVIDERS.resolve(f.group()), API_KEY, null,
                    RequestHeaders.of(Map.of()), fields == null ? TargetFields.NONE : key -> Json.string(fields, key));
            NativeRequest actual = "embeddings".equals(Json.string(fixture, "capability"))
                    ? ((EmbeddingsTranslating) api).embeddings().request(OpenAiRequests.embeddings(fixture.getJsonObject("openai")), call)
                    : api.chat().request(OpenAiRequests.chat(fixture.getJsonObject("openai")), call);
            JsonObject expect = fixture.getJsonObject("expect");
            assertEquals(expect.getString("url"), actual.endpoint().uri().toString(), "url");
            Map<String, String> headers = new LinkedHashMap<>();
            actual.endpoint().headers().forEach(h -> headers.put(h.name(), h.value()));
            Map<String, String> expectedHeaders = new LinkedHashMap<>();
            expect.getJsonObject("headers").forEach((k, v) -> expectedHeaders.put(k, ((JsonString) v).getString()));
            assertEquals(expectedHeaders, headers, "provider headers");
            assertJsonEquals(expect.getJsonObject("body"), actual.body());
        }));
    }

    @TestFactory
    Stream<DynamicTest> nativeAnswersBecomeOpenAiAnswers() {
        return fixtures("response", ".json").map(f -> dynamicTest(f.name(), () -> {
            JsonObject fixture = read(f.path());
            TranslatingApi api = translating(f.group());
            int status = Json.integer(fixture, "status", 200);
            JsonObject nativeBody = fixture.getJsonObject("native");
            JsonObject actual;
            if (status / 100 != 2) {
                actual = OpenAiResponses.error(api.errors().error(status, nativeBody), f.group());
            } else if ("embeddings".equals(Json.string(fixture, "capability"))) {
                EmbeddingsRequest request = OpenAiRequests.embeddings(fixture.getJsonObject("request"));
                EmbeddingsTranslator translator = ((EmbeddingsTranslating) api).embeddings();
                actual = OpenAiResponses.embeddings(translator.response(nativeBody, request), f.group(), request.model(),
                        request.encodingFormat());
            } else {
                ChatRequest request = OpenAiRequests.chat(requestOf(fixture));
                actual = OpenAiResponses.chatCompletion(api.chat().response(nativeBody, request), f.group(), request.model(), CREATED);
            }
            JsonObject expect = fixture.getJsonObject("expect");
            if ("GENERATED".equals(Json.string(expect, "id"))) {
                assertTrue(actual.getString("id").matches("chatcmpl-[0-9a-f]{32}"), "generated id " + actual.getString("id"));
                actual = Json.PROVIDER.createObjectBuilder(actual).add("id", "GENERATED").build();
            }
            assertJsonEquals(expect, actual);
        }));
    }

    @TestFactory
    Stream<DynamicTest> nativeStreamsBecomeOpenAiChunksByteByByte() {
        return fixtures("stream", ".sse").map(f -> dynamicTest(f.name() + " (byte by byte)", () -> checkStream(f, true)));
    }

    @TestFactory
    Stream<DynamicTest> nativeStreamsBecomeOpenAiChunksInOneRead() {
        return fixtures("stream", ".sse").map(f -> dynamicTest(f.name() + " (one read)", () -> checkStream(f, false)));
    }

    private static void checkStream(FixtureFiles.FixtureFile f, boolean byteByByte) throws IOException {
        byte[] sse = Files.readAllBytes(f.path());
        JsonObject fixture = read(Path.of(f.path().toString().replace(".sse", ".json")));
        ChatRequest request = OpenAiRequests.chat(requestOf(fixture));
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        OpenAiChunkWriter writer = new OpenAiChunkWriter(client, f.group(), request.model(), request.includeUsage(), CREATED);
        InputStream upstream = byteByByte ? new OneByteAtATime(sse) : new ByteArrayInputStream(sse);
        TranslateStream.UpstreamEnd outcome = TranslateStream.pump(upstream, writer, translating(f.group()).chat().stream(request));

        List<JsonValue> expected = expectedEvents(fixture);
        List<JsonValue> actual = dataEvents(client.toString(StandardCharsets.UTF_8));
        if ("GENERATED".equals(fixture.getJsonObject("envelope").getString("id"))) {
            actual = actual.stream().map(ProviderFixturesTest::withGeneratedId).toList(); // a provider that names no answer id
        }
        assertEquals(expected.size(), actual.size(), "number of events; got " + actual);
        for (int i = 0; i < expected.size(); i++) {
            assertJsonEquals(expected.get(i), actual.get(i), "event " + i);
        }
        String expectedOutcome = fixture.containsKey("outcome") ? fixture.getString("outcome") : "COMPLETE";
        assertEquals(TranslateStream.UpstreamEnd.valueOf(expectedOutcome), outcome, "outcome");
        assertTrue(client.toString(StandardCharsets.UTF_8).endsWith("\n\n"), "every event ends with a blank line");
    }

    /** The fixture's compact events expanded to the full OpenAI chunks (defaults and the shared envelope). */
    private static List<JsonValue> expectedEvents(JsonObject fixture) {
        JsonObject envelope = fixture.getJsonObject("envelope");
        List<JsonValue> out = new ArrayList<>();
        for (JsonValue item : fixture.getJsonArray("events")) {
            if (item instanceof JsonString || item.asJsonObject().containsKey("error")) {
                out.add(item);
                continue;
            }
            JsonObject compact = item.asJsonObject();
            JsonObjectBuilder chunk = Json.object().add("id", envelope.getString("id")).add("object", "chat.completion.chunk")
                    .add("created", CREATED).add("model", envelope.getString("model")).add("provider", envelope.getString("provider"));
            if (compact.containsKey("delta")) {
                JsonObjectBuilder choice = Json.object().add("index", Json.integer(compact, "index", 0))
                        .add("delta", compact.get("delta")).addNull("logprobs");
                choice.add("finish_reason", compact.containsKey("finish_reason") ? compact.get("finish_reason") : JsonValue.NULL);
                chunk.add("choices", Json.array().add(choice));
            } else {
                chunk.add("choices", Json.array()).add("usage", compact.get("usage"));
            }
            out.add(chunk.build());
        }
        return out;
    }

    /** A chunk whose id the gateway generated, its id replaced by {@code GENERATED}. */
    private static JsonValue withGeneratedId(JsonValue event) {
        if (!(event instanceof JsonObject chunk) || !chunk.containsKey("id")) {
            return event;
        }
        assertTrue(chunk.getString("id").matches("chatcmpl-[0-9a-f]{32}"), "generated id " + chunk.getString("id"));
        return Json.PROVIDER.createObjectBuilder(chunk).add("id", "GENERATED").build();
    }

    static List<JsonValue> dataEvents(String sse) {
        List<JsonValue> out = new ArrayList<>();
        for (String event : sse.split("\n\n")) {
            if (event.startsWith("data: [DONE]")) {
                out.add(Json.PROVIDER.createValue("[DONE]"));
            } else if (event.startsWith("data: ")) {
                out.add(Json.parse(event.substring(6)));
            }
        }
        return out;
    }

    private static JsonObject requestOf(JsonObject fixture) {
        if (fixture.containsKey("request")) {
            return fixture.getJsonObject("request");
        }
        return Json.object().add("model", "fixture-model")
                .add("messages", Json.array().add(Json.object().add("role", "user").add("content", "Hi"))).build();
    }

    static TranslatingApi translating(String slug) {
        return (TranslatingApi) PROVIDERS.resolve(slug).api();
    }

    static void assertJsonEquals(JsonValue expected, JsonValue actual) {
        assertJsonEquals(expected, actual, "");
    }

    static void assertJsonEquals(JsonValue expected, JsonValue actual, String what) {
        assertEquals(pretty(expected), pretty(actual), what);
    }

    static String pretty(JsonValue v) {
        return JsonAssertions.pretty(v);
    }

    static JsonObject read(Path path) {
        return FixtureFiles.read(path);
    }

    static Stream<FixtureFiles.FixtureFile> fixtures(String kind, String extension) {
        return FixtureFiles.list("/providers", kind, extension);
    }
}
