package io.gatehouse.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Semantic mode's split of a request, in each client format: the prompt's text apart, the rest exact. */
class PromptPartsTest {
    @Test
    void caseAndPunctuationDoNotChangeThePrompt() {
        assertEquals(chat("What is the capital of France?").promptText(), chat("what is the  capital of france").promptText());
        assertEquals("user: what is the capital of france", chat("What is the capital of France?").promptText());
    }

    @Test
    void chatSystemTurnsStayInTheExactPartAndUserTextLeavesIt() {
        PromptParts a = PromptParts.of(object("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief\"},"
                + "{\"role\":\"user\",\"content\":\"Hi there\"}]}"));
        PromptParts b = PromptParts.of(object("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief\"},"
                + "{\"role\":\"user\",\"content\":\"Hello\"}]}"));
        assertEquals(a.exactPart(), b.exactPart());
        assertEquals("user: hi there", a.promptText());
        PromptParts otherSystem = PromptParts.of(object("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"Be long\"},"
                + "{\"role\":\"user\",\"content\":\"Hi there\"}]}"));
        assertNotEquals(a.exactPart(), otherSystem.exactPart());
    }

    @Test
    void messagesTextPartsAreThePromptAndTheSystemFieldIsExact() {
        PromptParts p = PromptParts.of(object("{\"model\":\"m\",\"system\":\"Be brief\",\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"Weather in Paris?\"}]}]}"));
        assertEquals("user: weather in paris", p.promptText());
        assertEquals(object("{\"model\":\"m\",\"system\":\"Be brief\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]}"),
                p.exactPart());
    }

    @Test
    void responsesInputAndCompletionsPromptAreThePrompt() {
        PromptParts responses = PromptParts.of(object("{\"model\":\"m\",\"instructions\":\"Be brief\",\"input\":\"Tell me a joke\"}"));
        assertEquals("tell me a joke", responses.promptText());
        assertEquals(object("{\"model\":\"m\",\"instructions\":\"Be brief\",\"input\":[]}"), responses.exactPart());
        assertEquals("say hi", PromptParts.of(object("{\"model\":\"m\",\"prompt\":\"Say hi!\"}")).promptText());
    }

    @Test
    void imagesStayExact() {
        PromptParts a = PromptParts.of(object("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is this?\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/a.png\"}}]}]}"));
        PromptParts b = PromptParts.of(object("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is this?\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/b.png\"}}]}]}"));
        assertEquals(a.promptText(), b.promptText());
        assertNotEquals(a.exactPart(), b.exactPart());
    }

    private static PromptParts chat(String prompt) {
        return PromptParts.of(ResponseCachingTest.body(prompt));
    }

    private static JsonObject object(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
