package io.gatehouse.model.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.error.GatewayException;
import io.gatehouse.model.ChatRequest;
import io.gatehouse.model.EmbeddingsRequest;
import io.gatehouse.model.ImagePart;
import io.gatehouse.model.Json;
import io.gatehouse.model.Role;
import io.gatehouse.model.TextPart;
import io.gatehouse.model.ToolChoice;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OpenAiRequestsTest {
    private static final String USER = "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";

    private static ChatRequest chat(String json) {
        return OpenAiRequests.chat(Json.parse(json).asJsonObject());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "no model                 | {" + USER + "}                                                          | model is required",
            "no messages              | {\"model\":\"m\"}                                                       | messages must be a non-empty array",
            "empty messages           | {\"model\":\"m\",\"messages\":[]}                                        | messages must be a non-empty array",
            "message not an object    | {\"model\":\"m\",\"messages\":[1]}                                       | messages[0] must be an object",
            "unknown role             | {\"model\":\"m\",\"messages\":[{\"role\":\"function\",\"content\":\"x\"}]} | messages[0].role 'function' is not supported",
            "content a number         | {\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":5}]}         | messages[0].content must be a string or an array of content parts",
            "audio part               | {\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\"}]}]} | messages[0].content[0].type 'input_audio' is not supported",
            "tool without call id     | {\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}     | messages[0].tool_call_id is required",
            "temperature a string     | {\"model\":\"m\"," + USER + ",\"temperature\":\"hot\"}                  | temperature must be a number",
            "max_tokens a fraction    | {\"model\":\"m\"," + USER + ",\"max_tokens\":1.5}                       | max_tokens must be a whole number",
            "stop a number            | {\"model\":\"m\"," + USER + ",\"stop\":3}                               | stop must be a string or an array of strings",
            "bad tool_choice          | {\"model\":\"m\"," + USER + ",\"tool_choice\":\"always\"}               | tool_choice must be auto, none, required or a function",
            "non-function tool        | {\"model\":\"m\"," + USER + ",\"tools\":[{\"type\":\"web_search\"}]}    | tools[0].type 'web_search' is not supported",
            "json_schema without body | {\"model\":\"m\"," + USER + ",\"response_format\":{\"type\":\"json_schema\"}} | response_format.json_schema is required",
    })
    void badRequestsAreRefusedNamingTheField(String why, String body, String message) {
        GatewayException e = assertThrows(GatewayException.class, () -> chat(body));
        assertEquals(400, e.status(), why);
        assertTrue(e.getMessage().contains(message), why + ": " + e.getMessage());
    }

    @Test
    void readsEveryMappedField() {
        ChatRequest r = chat("{\"model\":\"m\",\"messages\":["
                + "{\"role\":\"developer\",\"content\":\"sys\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"look\"},{\"type\":\"image_url\",\"image_url\":\"https://x/y.png\"}]},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"ok\",\"name\":\"f\"}],"
                + "\"max_tokens\":10,\"max_completion_tokens\":20,\"stop\":\"END\",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}},"
                + "\"stream\":true,\"stream_options\":{\"include_usage\":true},\"parallel_tool_calls\":false,\"seed\":9,\"n\":2}");
        assertEquals(List.of(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL), r.messages().stream().map(m -> m.role()).toList());
        assertEquals(new ImagePart("https://x/y.png", null), r.messages().get(1).content().get(1));
        assertEquals("{}", r.messages().get(2).toolCalls().get(0).arguments(), "blank arguments read as an empty object");
        assertEquals("f", r.messages().get(3).name());
        assertEquals(20, r.maxTokens(), "max_completion_tokens wins");
        assertEquals(List.of("END"), r.stop());
        assertEquals(ToolChoice.function("f"), r.toolChoice());
        assertTrue(r.stream());
        assertTrue(r.includeUsage());
        assertEquals(Boolean.FALSE, r.parallelToolCalls());
        assertEquals(9L, r.seed());
        assertEquals(2, r.n());
    }

    @Test
    void nullFieldsReadAsAbsent() {
        ChatRequest r = chat("{\"model\":\"m\"," + USER + ",\"temperature\":null,\"stop\":null,\"tools\":null,\"stream\":false}");
        assertNull(r.temperature());
        assertTrue(r.stop().isEmpty());
        assertTrue(r.tools().isEmpty());
        assertFalse(r.stream());
        assertEquals(List.of(new TextPart("Hi")), r.messages().get(0).content());
    }

    @Test
    void dataUrlImagesExposeTheirBytes() {
        ImagePart.InlineImage inline = new ImagePart("data:image/webp;base64,UklGR", null).inline();
        assertEquals(new ImagePart.InlineImage("image/webp", "UklGR"), inline);
        assertNull(new ImagePart("https://x/y.png", null).inline());
        assertNull(new ImagePart("data:text/plain,hello", null).inline(), "only base64 data URLs carry image bytes");
    }

    @Test
    void embeddingsInputIsOneStringOrAnArrayOfStrings() {
        EmbeddingsRequest single = OpenAiRequests.embeddings(Json.parse("{\"model\":\"e\",\"input\":\"x\"}").asJsonObject());
        assertTrue(single.singleInput());
        assertEquals("float", single.encodingFormat());
        EmbeddingsRequest many = OpenAiRequests.embeddings(Json.parse(
                "{\"model\":\"e\",\"input\":[\"a\",\"b\"],\"encoding_format\":\"base64\",\"dimensions\":8}").asJsonObject());
        assertFalse(many.singleInput());
        assertEquals(List.of("a", "b"), many.inputs());
        assertEquals(8, many.dimensions());
        for (String bad : List.of("{\"model\":\"e\",\"input\":[1,2]}", "{\"model\":\"e\",\"input\":[]}", "{\"model\":\"e\"}",
                "{\"model\":\"e\",\"input\":\"x\",\"encoding_format\":\"int8\"}")) {
            GatewayException e = assertThrows(GatewayException.class,
                    () -> OpenAiRequests.embeddings(Json.parse(bad).asJsonObject()), bad);
            assertEquals(400, e.status());
        }
    }
}
