package io.gatehouse.ingress.responses;

import static io.gatehouse.testing.GatewayAssertions.assertGatewayError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.config.ResponseStoreSettings;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.model.ChatResponse;
import io.gatehouse.model.Choice;
import io.gatehouse.model.ClientChat;
import io.gatehouse.model.ClientStream;
import io.gatehouse.model.FinishReason;
import io.gatehouse.model.Json;
import io.gatehouse.model.Message;
import io.gatehouse.model.Role;
import io.gatehouse.model.ToolCall;
import io.gatehouse.model.Usage;
import io.gatehouse.pipeline.JsonBody;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.provider.ProviderRegistry;
import io.gatehouse.provider.TargetFields;
import io.gatehouse.testing.FixtureSource;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

class ResponsesDialectTest {
    private static final ProviderRegistry PROVIDERS = ProviderRegistry.defaults();
    private final ResponseStore store = new ResponseStore(ResponseStoreSettings.DEFAULTS);
    private final ResponsesDialect dialect = new ResponsesDialect(store);

    @AfterEach
    void close() {
        store.close();
    }

    private static JsonObject body(String json) {
        return Json.parse(json).asJsonObject();
    }

    private static ChatResponse answer(String text) {
        return new ChatResponse("x", "m", List.of(new Choice(0, text, List.of(), FinishReason.STOP)), Usage.of(3, 2));
    }

    @Test
    void aStoredAnswerIsContinuedByPreviousResponseIdWithoutItsInstructions() {
        ClientChat first = dialect.read(body("{\"model\":\"m\",\"instructions\":\"Be terse.\",\"input\":\"tell me a joke\"}"));
        JsonObject stored = first.answer(answer("Why did the chicken…"), "anthropic", 1);
        assertTrue(stored.getBoolean("store"));
        assertEquals(stored, store.shelf(ResponseStore.OPEN_GATEWAY).get(stored.getString("id")).orElseThrow().response());

        ClientChat second = dialect.read(body("{\"model\":\"m\",\"previous_response_id\":\"" + stored.getString("id")
                + "\",\"input\":[{\"role\":\"user\",\"content\":\"explain why this is funny.\"}]}"));
        List<Message> messages = second.chat().messages();
        assertEquals(List.of(Role.USER, Role.ASSISTANT, Role.USER), messages.stream().map(Message::role).toList());
        assertEquals(List.of("tell me a joke", "Why did the chicken…", "explain why this is funny."),
                messages.stream().map(Message::text).toList());
        JsonObject continued = second.answer(answer("Because…"), "anthropic", 2);
        assertEquals(stored.getString("id"), continued.getString("previous_response_id"));
        assertEquals(4, store.shelf(ResponseStore.OPEN_GATEWAY).conversation(continued.getString("id")).size(), "both turns: each one's input and output");
    }

    @Test
    void storeFalseKeepsNothing() {
        JsonObject answer = dialect.read(body("{\"model\":\"m\",\"store\":false,\"input\":\"hi\"}")).answer(answer("hello"), "google", 1);
        assertEquals(false, answer.getBoolean("store"));
        assertTrue(store.shelf(ResponseStore.OPEN_GATEWAY).get(answer.getString("id")).isEmpty());
    }

    @Test
    void anUnknownPreviousResponseIsA400() {
        assertGatewayError(400, "previous_response_not_found",
                () -> dialect.read(body("{\"model\":\"m\",\"previous_response_id\":\"resp_nope\",\"input\":\"hi\"}")));
    }

    @Test
    void aStreamedAnswerIsStoredWhenItCompletesAndItsItemIdsAgreeAcrossEvents() throws IOException {
        ClientChat chat = dialect.read(body("{\"model\":\"m\",\"input\":\"hi\",\"stream\":true}"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ClientStream stream = chat.stream(out, "cohere", 7);
        stream.start("co-1", "command-a");
        stream.text(0, "Hel");
        stream.text(0, "lo");
        stream.toolCallStart(0, 0, "call_9", "f");
        stream.toolCallArguments(0, 0, "{}");
        stream.finish(0, FinishReason.TOOL_CALLS);
        stream.usage(Usage.of(4, 5));
        stream.done();
        stream.text(0, "late");
        List<JsonObject> events = events(out);
        Map<Integer, String> itemIds = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            JsonObject e = events.get(i);
            assertEquals(i, e.getInt("sequence_number"));
            if (e.containsKey("item")) {
                String previous = itemIds.putIfAbsent(e.getInt("output_index"), e.getJsonObject("item").getString("id"));
                assertTrue(previous == null || previous.equals(e.getJsonObject("item").getString("id")), e.toString());
            }
            if (e.containsKey("item_id")) {
                assertEquals(itemIds.get(e.getInt("output_index")), e.getString("item_id"), e.toString());
            }
        }
        JsonObject completed = events.get(events.size() - 1);
        assertEquals("response.completed", completed.getString("type"));
        JsonObject response = completed.getJsonObject("response");
        assertEquals(response, store.shelf(ResponseStore.OPEN_GATEWAY).get(response.getString("id")).orElseThrow().response());
        assertEquals(events.get(0).getJsonObject("response").getString("id"), response.getString("id"));
        assertEquals("command-a", response.getString("model"));
        assertEquals(List.of(itemIds.get(0), itemIds.get(1)),
                response.getJsonArray("output").stream().map(v -> v.asJsonObject().getString("id")).toList());
        assertNotEquals(itemIds.get(0), itemIds.get(1));
    }

    @Test
    void aFailedStreamStoresNothing() throws IOException {
        ClientChat chat = dialect.read(body("{\"model\":\"m\",\"input\":\"hi\",\"stream\":true}"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ClientStream stream = chat.stream(out, "cohere", 7);
        stream.text(0, "Hel");
        stream.interrupt("broke");
        assertTrue(stream.failed());
        JsonObject failed = events(out).get(events(out).size() - 1);
        assertEquals("response.failed", failed.getString("type"));
        assertEquals("stream_interrupted", failed.getJsonObject("response").getJsonObject("error").getString("code"));
        assertTrue(store.shelf(ResponseStore.OPEN_GATEWAY).get(failed.getJsonObject("response").getString("id")).isEmpty());
    }

    private static List<JsonObject> events(ByteArrayOutputStream out) {
        return java.util.Arrays.stream(out.toString(StandardCharsets.UTF_8).split("\n\n"))
                .map(e -> e.substring(e.indexOf("data: ") + 6))
                .map(d -> Json.parse(d).asJsonObject()).toList();
    }

    @Test
    void openAiAndAzureSpeakResponsesNatively() {
        var openai = new ProviderCall(PROVIDERS.resolve("openai"), "k", null, RequestHeaders.of(Map.of()), TargetFields.NONE);
        assertEquals("https://api.openai.com/v1/responses/resp_1/input_items?limit=2",
                dialect.nativeEndpoint(openai, "/resp_1/input_items", "limit=2").orElseThrow().uri().toString());
        var azureV1 = new ProviderCall(PROVIDERS.resolve("azure-openai"), "k", null, RequestHeaders.of(Map.of(
                "x-portkey-azure-resource-name", List.of("res"), "x-portkey-azure-api-version", List.of("v1"))), TargetFields.NONE);
        assertEquals("https://res.openai.azure.com/openai/v1/responses",
                dialect.nativeEndpoint(azureV1, "", null).orElseThrow().uri().toString());
        var azureDated = new ProviderCall(PROVIDERS.resolve("azure-openai"), "k", null, RequestHeaders.of(Map.of(
                "x-portkey-azure-resource-name", List.of("res"), "x-portkey-azure-api-version", List.of("2025-04-01-preview"))), TargetFields.NONE);
        assertEquals("https://res.openai.azure.com/openai/responses/resp_1/input_items?api-version=2025-04-01-preview&order=asc",
                dialect.nativeEndpoint(azureDated, "/resp_1/input_items", "order=asc").orElseThrow().uri().toString());
        for (String other : List.of("anthropic", "google", "cohere", "groq", "openai-compatible")) {
            var call = new ProviderCall(PROVIDERS.resolve(other), "k", "http://127.0.0.1:9", RequestHeaders.of(Map.of()), TargetFields.NONE);
            assertTrue(dialect.nativeEndpoint(call, "", null).isEmpty(), other);
        }
    }

    @Test
    void aConversationTheGatewayStoredContinuesAtOpenAiAsInput() {
        JsonObject first = dialect.read(body("{\"model\":\"m\",\"input\":\"tell me a joke\"}")).answer(answer("Knock knock."), "anthropic", 1);
        JsonBody expanded = dialect.nativeBody(JsonBody.parse(("{\"model\":\"gpt-4o\",\"previous_response_id\":\"" + first.getString("id")
                + "\",\"input\":\"who's there?\"}").getBytes(StandardCharsets.UTF_8)), caller(null));
        JsonObject sent = expanded.toJsonObject();
        assertTrue(!sent.containsKey("previous_response_id"));
        assertEquals(Json.parse("[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"tell me a joke\"}]},"
                + "{\"role\":\"assistant\",\"content\":\"Knock knock.\"},{\"role\":\"user\",\"content\":\"who's there?\"}]"), sent.get("input"));

        JsonBody unknown = JsonBody.parse("{\"model\":\"gpt-4o\",\"previous_response_id\":\"resp_openai_own\",\"input\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertSame(unknown, dialect.nativeBody(unknown, caller(null)), "OpenAI's own ids pass as sent");
    }

    @Test
    void aConversationIsContinuedOnlyByTheKeyThatStartedIt() {
        JsonObject first = dialect.read(body("{\"model\":\"m\",\"input\":\"secret plans\"}"), caller("alice"))
                .answer(answer("noted"), "anthropic", 1);
        String next = "{\"model\":\"m\",\"previous_response_id\":\"" + first.getString("id") + "\",\"input\":\"and?\"}";
        assertGatewayError(400, "previous_response_not_found", () -> dialect.read(body(next), caller("bob")));
        assertGatewayError(400, "previous_response_not_found", () -> dialect.read(body(next)));
        JsonBody toOpenAi = JsonBody.parse(next.getBytes(StandardCharsets.UTF_8));
        assertSame(toOpenAi, dialect.nativeBody(toOpenAi, caller("bob")), "bob's request is not completed with alice's turns");
        assertEquals(3, dialect.read(body(next), caller("alice")).chat().messages().size());
    }

    /** A request of the gateway key {@code name}, or of an open gateway's client when null. */
    private static io.gatehouse.context.RequestContext caller(String name) {
        io.gatehouse.access.Caller caller = name == null ? io.gatehouse.access.Caller.OPEN
                : new io.gatehouse.access.Caller(new io.gatehouse.access.GatewayKey(name, new byte[32], null,
                        io.gatehouse.access.ModelNames.ANY, true, io.gatehouse.access.Limits.NONE, Map.of()));
        return new io.gatehouse.context.RequestContext("t", null, null, null, null, Map.of(), null, null,
                RequestHeaders.of(Map.of()), caller);
    }

    @Test
    void functionCallItemsRoundTrip() {
        ChatResponse withCall = new ChatResponse("x", "m", List.of(new Choice(0, null,
                List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")), FinishReason.TOOL_CALLS)), Usage.of(1, 1));
        JsonObject first = dialect.read(body("{\"model\":\"m\",\"input\":\"weather?\"}")).answer(withCall, "google", 1);
        assertEquals(JsonValue.ValueType.ARRAY, first.get("output").getValueType());
        assertEquals("function_call", first.getJsonArray("output").getJsonObject(0).getString("type"));
        List<Message> next = dialect.read(body("{\"model\":\"m\",\"previous_response_id\":\"" + first.getString("id")
                + "\",\"input\":[{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"18C\"}]}")).chat().messages();
        assertEquals(List.of(Role.USER, Role.ASSISTANT, Role.TOOL), next.stream().map(Message::role).toList());
        assertEquals(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"), next.get(1).toolCalls().get(0));
        assertEquals("call_1", next.get(2).toolCallId());
    }

    @ParameterizedTest
    @FixtureSource("ingress/responses-invalid-requests.json")
    void requestsNoProviderCouldTakeAreRefusedWithTheirPath(JsonObject c) {
        io.gatehouse.testing.GatewayAssertions.assertGatewayError(c.getJsonObject("expect"), () -> dialect.read(c.getJsonObject("client")));
    }
}
