package io.gatehouse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.config.HookConfig;
import io.gatehouse.egress.HostPolicy;
import io.gatehouse.guardrails.CheckInput;
import io.gatehouse.guardrails.Event;
import io.gatehouse.guardrails.Guardrails;
import io.gatehouse.guardrails.HookRun;
import io.gatehouse.guardrails.Verdicts;
import io.gatehouse.http.Header;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the hooks' verdicts reach the client: the status, hook_results in a JSON answer and at a stream's end. */
class CheckGuardrailsTest {
    private static final Guardrails GUARDRAILS = Guardrails.create(HostPolicy.selfHostedDefault());
    private static final CheckGuardrails STAGE = new CheckGuardrails(GUARDRAILS, CheckGuardrails.DEFAULT_MAX_HELD_BYTES);
    private static final String RESULTS = "{\"before_request_hooks\":[],\"after_request_hooks\":[]}";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"id\":1}|{\"id\":1,\"hook_results\":{}}",
            "{}|{\"hook_results\":{}}",
            "'{ } '|'{ \"hook_results\":{}} '",
            "{\"a\":{\"b\":2}}|{\"a\":{\"b\":2},\"hook_results\":{}}",
            "[1,2]|[1,2]",
            "not json|not json"})
    void hookResultsJoinAJsonAnswersTopLevel(String body, String expected) {
        assertEquals(expected, new String(CheckGuardrails.withMember(body.getBytes(StandardCharsets.UTF_8), "hook_results", "{}"),
                StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource({
            "/v1/chat/completions, chatComplete",
            "/v1/completions, complete",
            "/v1/embeddings, embed",
            "/v1/messages, messages",
            "/v1/responses, createModelResponse",
            "/v1/images/generations, proxy"})
    void requestTypesAreNamedAsPortkeyNamesThem(String path, String type) {
        assertEquals(type, CheckGuardrails.requestType(path));
    }

    private static String throughEvents(String stream) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HookResultsEvent events = new HookResultsEvent(out, "{}");
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += 7) { // in uneven pieces, as a relay writes
            events.write(bytes, i, Math.min(7, bytes.length - i));
        }
        events.finish();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anOpenAiStreamGetsADataChunkBeforeDone() throws IOException {
        assertEquals("data: {\"a\":1}\n\ndata: {\"hook_results\":{}}\n\ndata: [DONE]\n\n",
                throughEvents("data: {\"a\":1}\n\ndata: [DONE]\n\n"));
    }

    @Test
    void anthropicAndResponsesStreamsGetANamedEventBeforeTheirLast() throws IOException {
        String hook = "event: hook_results\ndata: {\"type\":\"hook_results\",\"hook_results\":{}}\n\n";
        assertEquals("event: content_block_stop\ndata: {}\n\n" + hook + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
                throughEvents("event: content_block_stop\ndata: {}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
        assertEquals(hook + "event: response.completed\ndata: {}\n\n", throughEvents("event: response.completed\ndata: {}\n\n"));
        assertEquals(hook + "data: {\"type\":\"response.completed\"}\n\n", throughEvents("data: {\"type\":\"response.completed\"}\n\n"),
                "a final event named by its type alone");
    }

    @Test
    void aStreamThatBreaksOffGetsNoResultsAndLosesNoByte() throws IOException {
        assertEquals("data: {\"a\":1}\n\ndata: {\"err", throughEvents("data: {\"a\":1}\n\ndata: {\"err"));
    }

    @Test
    void aFailedNonDenyHookMakesA246WithoutContentLength() throws IOException {
        HookRun failed = new HookRun(Event.AFTER_REQUEST, JsonValue.EMPTY_JSON_ARRAY, false, true, null);
        GatewayResponse answer = new GatewayResponse(200, List.of(new Header("Content-Type", "application/json"),
                new Header("Content-Length", "9")), out -> out.write("{\"id\":1}".getBytes(StandardCharsets.UTF_8)));
        GatewayResponse reported = STAGE.report(answer, new Verdicts(null, failed));
        assertEquals(246, reported.status());
        assertEquals(null, reported.header("content-length"));
        assertEquals("fail", reported.header(CheckGuardrails.OUTCOME_HEADER));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        reported.body().writeTo(body);
        assertEquals("{\"id\":1,\"hook_results\":" + RESULTS + "}", body.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anErrorAnswerIsLeftAsItIs() {
        GatewayResponse error = new GatewayResponse(500, List.of(), out -> { });
        assertEquals(error, STAGE.report(error, new Verdicts(null, null)));
    }

    // --- incremental hooks: a stream judged as it is relayed --------------------------------------------------

    private static Verdicts judging(String requestType) {
        HookConfig noSecret = new HookConfig("no-secret", HookConfig.Type.GUARDRAIL, List.of(new HookConfig.Check(
                "default.contains", io.gatehouse.testing.Fixtures.object("{\"operator\":\"none\",\"words\":[\"secret\"]}"), true)),
                true, false, false, null, null, true);
        CheckInput request = CheckInput.request(requestType, io.gatehouse.testing.Fixtures.object("{\"model\":\"m\",\"messages\":[]}"),
                "m", java.util.Map.of(), name -> null);
        return new Verdicts(null, null).judgingStream(new Verdicts.StreamChecks(List.of(noSecret), request));
    }

    private static String judged(String requestType, String stream) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JudgeStream judge = new JudgeStream(out, GUARDRAILS, judging(requestType));
        try {
            judge.write(stream.getBytes(StandardCharsets.UTF_8));
            judge.finish();
        } catch (JudgeStream.StreamCut cut) {
            return out.toString(StandardCharsets.UTF_8) + "<cut>";
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String chunk(String text) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"}}]}\n\n";
    }

    @Test
    void aPassingStreamGoesOutAsItComesWithHookResultsBeforeDone() throws IOException {
        String out = judged("chatComplete", chunk("The ") + chunk("answer") + "data: [DONE]\n\n");
        assertTrue(out.startsWith(chunk("The ") + chunk("answer") + "data: {\"hook_results\":"), out);
        assertTrue(out.endsWith("data: [DONE]\n\n"), out);
    }

    @Test
    void aFailingDenyHookCutsTheStreamBeforeTheOffendingEventInTheClientsFormat() throws IOException {
        String openAi = judged("chatComplete", chunk("The ") + chunk("secret") + chunk(" is out") + "data: [DONE]\n\n");
        assertTrue(openAi.startsWith(chunk("The ") + "data: {\"error\":{"), openAi);
        assertTrue(openAi.contains("\"type\":\"hooks_failed\"") && openAi.contains("\"hook_results\""), openAi);
        assertFalse(openAi.contains("secret\"}"), "the offending delta never went out");
        assertTrue(openAi.endsWith("\n\n<cut>"), "nothing after the error, and the relay is told to stop");

        String anthropic = judged("messages", "event: content_block_delta\ndata: {\"type\":\"content_block_delta\","
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"a secret\"}}\n\n");
        assertTrue(anthropic.startsWith("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\""), anthropic);

        String responses = judged("createModelResponse", "event: response.output_text.delta\ndata: {\"type\":"
                + "\"response.output_text.delta\",\"delta\":\"secret\"}\n\n");
        assertTrue(responses.startsWith("event: error\ndata: {\"type\":\"error\",\"code\":\"hooks_failed\""), responses);
    }

    @Test
    void incrementalOnlyWhenEveryDenyHookAsksForIt() {
        HookConfig held = new HookConfig("a", HookConfig.Type.GUARDRAIL, List.of(), true, false, false, null, null, false);
        HookConfig asItGoes = new HookConfig("b", HookConfig.Type.GUARDRAIL, List.of(), true, false, false, null, null, true);
        HookConfig flag = new HookConfig("c", HookConfig.Type.GUARDRAIL, List.of(), false, false, false, null, null, false);
        assertTrue(CheckGuardrails.judgedAsItGoes(List.of(asItGoes, flag)));
        assertFalse(CheckGuardrails.judgedAsItGoes(List.of(asItGoes, held)));
        assertFalse(CheckGuardrails.judgedAsItGoes(List.of(flag)));
    }
}
