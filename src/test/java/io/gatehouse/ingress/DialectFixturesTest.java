package io.gatehouse.ingress;

import static io.gatehouse.testing.JsonAssertions.assertJsonMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.gatehouse.config.ResponseStoreSettings;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.ingress.anthropic.MessagesDialect;
import io.gatehouse.ingress.responses.ResponseStore;
import io.gatehouse.ingress.responses.ResponsesDialect;
import io.gatehouse.model.ClientChat;
import io.gatehouse.model.ClientStream;
import io.gatehouse.model.Json;
import io.gatehouse.pipeline.TranslateStream;
import io.gatehouse.provider.CanonicalChat;
import io.gatehouse.provider.ChatTranslator;
import io.gatehouse.provider.NativeRequest;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.provider.ProviderRegistry;
import io.gatehouse.provider.ProviderSpec;
import io.gatehouse.provider.TargetFields;
import io.gatehouse.testing.FixtureFiles;
import io.gatehouse.testing.OneByteAtATime;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Table-driven tests of the client dialects over the JSON fixtures in
 * {@code src/test/resources/dialects/<dialect>/}, written from the Anthropic and OpenAI API references. Each
 * fixture names the provider the client's request goes to:
 * <ul>
 *   <li>{@code request/*.json}: a client request ({@code client}) and the provider request it becomes
 *       ({@code expect.url}, {@code expect.body});</li>
 *   <li>{@code response/*.json}: the provider's answer ({@code native}; an error with {@code status}) and the
 *       client's answer it becomes;</li>
 *   <li>{@code stream/*.sse} + {@code .json}: the provider's event stream exactly as sent, and the client's
 *       events it becomes ({@code {"event","data"}} each), fed in one read and byte by byte.</li>
 * </ul>
 * Expected strings {@code "GENERATED:<prefix>"} match ids the gateway makes up.
 */
class DialectFixturesTest {
    static final long CREATED = 1_700_000_000L;
    private static final ProviderRegistry PROVIDERS = ProviderRegistry.defaults();

    /** The Responses dialect's store: answers of the fixtures land here. */
    private static final ResponseStore STORE = new ResponseStore(ResponseStoreSettings.DEFAULTS);

    /** The dialect each fixture folder is read with. */
    static ClientDialect dialect(String name) {
        return switch (name) {
            case "messages" -> new MessagesDialect();
            case "responses" -> new ResponsesDialect(STORE);
            default -> throw new IllegalArgumentException("no dialect " + name);
        };
    }

    @TestFactory
    Stream<DynamicTest> clientRequestsBecomeProviderRequests() {
        return fixtures("request", ".json").map(f -> dynamicTest(f.name(), () -> {
            JsonObject fixture = read(f.path());
            ProviderSpec provider = PROVIDERS.resolve(fixture.getString("provider"));
            ClientChat client = dialect(f.group()).read(fixture.getJsonObject("client"));
            ProviderCall call = new ProviderCall(provider, "test-key", customHost(fixture), RequestHeaders.of(Map.of()),
                    TargetFields.NONE);
            NativeRequest actual = CanonicalChat.translator(provider).request(client.chat(), call);
            JsonObject expect = fixture.getJsonObject("expect");
            assertEquals(expect.getString("url"), actual.endpoint().uri().toString(), "url");
            assertJsonMatches(expect.getJsonObject("body"), actual.body(), "body");
        }));
    }

    @TestFactory
    Stream<DynamicTest> providerAnswersBecomeClientAnswers() {
        return fixtures("response", ".json").map(f -> dynamicTest(f.name(), () -> {
            JsonObject fixture = read(f.path());
            ProviderSpec provider = PROVIDERS.resolve(fixture.getString("provider"));
            ClientChat client = dialect(f.group()).read(fixture.getJsonObject("client"));
            int status = Json.integer(fixture, "status", 200);
            JsonObject nativeBody = fixture.getJsonObject("native");
            JsonObject actual = status / 100 == 2
                    ? client.answer(CanonicalChat.translator(provider).response(nativeBody, client.chat()), provider.slug(), CREATED)
                    : client.providerError(CanonicalChat.errors(provider).error(status, nativeBody), provider.slug(), status);
            assertJsonMatches(fixture.getJsonObject("expect"), actual, "answer");
        }));
    }

    @TestFactory
    Stream<DynamicTest> providerStreamsBecomeClientEventsByteByByte() {
        return fixtures("stream", ".sse").map(f -> dynamicTest(f.name() + " (byte by byte)", () -> checkStream(f, true)));
    }

    @TestFactory
    Stream<DynamicTest> providerStreamsBecomeClientEventsInOneRead() {
        return fixtures("stream", ".sse").map(f -> dynamicTest(f.name() + " (one read)", () -> checkStream(f, false)));
    }

    private static void checkStream(FixtureFiles.FixtureFile f, boolean byteByByte) throws IOException {
        byte[] sse = Files.readAllBytes(f.path());
        JsonObject fixture = read(Path.of(f.path().toString().replace(".sse", ".json")));
        ProviderSpec provider = PROVIDERS.resolve(fixture.getString("provider"));
        ClientChat client = dialect(f.group()).read(fixture.getJsonObject("client"));
        ChatTranslator translator = CanonicalChat.translator(provider);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        ClientStream writer = client.stream(written, provider.slug(), CREATED);
        InputStream upstream = byteByByte ? new OneByteAtATime(sse) : new ByteArrayInputStream(sse);
        TranslateStream.UpstreamEnd outcome = TranslateStream.pump(upstream, writer, translator.stream(client.chat()));

        String text = written.toString(StandardCharsets.UTF_8);
        assertJsonMatches(fixture.getJsonArray("events"), events(text), "events");
        String expectedOutcome = fixture.containsKey("outcome") ? fixture.getString("outcome") : "COMPLETE";
        assertEquals(TranslateStream.UpstreamEnd.valueOf(expectedOutcome), outcome, "outcome");
        assertTrue(text.endsWith("\n\n"), "every event ends with a blank line");
    }

    /** The written stream as {@code [{"event": name, "data": json}]} ({@code event} absent when unnamed). */
    static JsonValue events(String sse) {
        JsonArrayBuilder out = Json.array();
        for (String event : sse.split("\n\n")) {
            var e = Json.object();
            for (String line : event.split("\n")) {
                if (line.startsWith("event: ")) {
                    e.add("event", line.substring(7));
                } else if (line.startsWith("data: ")) {
                    e.add("data", Json.parse(line.substring(6)));
                }
            }
            out.add(e);
        }
        return out.build();
    }

    private static String customHost(JsonObject fixture) {
        return Json.string(fixture, "custom_host");
    }

    static JsonObject read(Path path) {
        return FixtureFiles.read(path);
    }

    static Stream<FixtureFiles.FixtureFile> fixtures(String kind, String extension) {
        return FixtureFiles.list("/dialects", kind, extension);
    }
}
