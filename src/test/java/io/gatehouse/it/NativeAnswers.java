package io.gatehouse.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How each fake provider answers the ITs' shared question ("Weather in Paris?", one get_weather tool) in its
 * own wire format: "Let me check." and a get_weather call for Paris, as JSON or as its event stream,
 * whichever the request asked for. Written from each provider's API reference.
 */
final class NativeAnswers {
    private NativeAnswers() {
    }

    static final String ANTHROPIC_MESSAGE = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m-1\",\"content\":["
            + "{\"type\":\"text\",\"text\":\"Let me check.\"},{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\","
            + "\"input\":{\"city\":\"Paris\"}}],\"stop_reason\":\"tool_use\",\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":20,\"output_tokens\":10}}";
    static final String[][] ANTHROPIC_STREAM = {
        {"message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"content\":[],\"model\":\"m-1\",\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":20,\"output_tokens\":1}}}"},
        {"content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"},
        {"ping", "{\"type\":\"ping\"}"},
        {"content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Let me check.\"}}"},
        {"content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"},
        {"content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{}}}"},
        {"content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \"}}"},
        {"content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"Paris\\\"}\"}}"},
        {"content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}"},
        {"message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":10}}"},
        {"message_stop", "{\"type\":\"message_stop\"}"},
    };

    /** OpenAI Chat Completions: a {@code chat.completion}, or chunks ending with usage and {@code [DONE]}. */
    static FakeUpstream.Responder openAiChat() {
        return (req, ex) -> {
            if (!req.bodyText().contains("\"stream\":true")) {
                ex.json(200, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m-1\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"Let me check.\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},\"logprobs\":null,"
                        + "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":10,\"total_tokens\":30}}");
                return;
            }
            ex.beginEvents();
            String head = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m-1\",\"choices\":";
            ex.event(head + "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}");
            ex.event(head + "[{\"index\":0,\"delta\":{\"content\":\"Let me check.\"},\"logprobs\":null,\"finish_reason\":null}]}");
            ex.event(head + "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},\"logprobs\":null,\"finish_reason\":null}]}");
            ex.event(head + "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]},\"logprobs\":null,\"finish_reason\":null}]}");
            ex.event(head + "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]},\"logprobs\":null,\"finish_reason\":null}]}");
            ex.event(head + "[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}]}");
            ex.event(head + "[],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":10,\"total_tokens\":30}}");
            ex.event("[DONE]");
            ex.end();
        };
    }

    /** Anthropic Messages: a {@code message}, or its named event stream. */
    static FakeUpstream.Responder anthropicMessages() {
        return (req, ex) -> {
            if (!req.bodyText().contains("\"stream\":true")) {
                ex.respond(200, Map.of("Content-Type", "application/json", "request-id", "req_native"), ANTHROPIC_MESSAGE.getBytes(StandardCharsets.UTF_8));
                return;
            }
            ex.beginEvents();
            for (String[] event : ANTHROPIC_STREAM) {
                namedEvent(ex, event[0], event[1]);
            }
            ex.end();
        };
    }

    /** Gemini {@code generateContent}. */
    static FakeUpstream.Responder geminiGenerate() {
        return (req, ex) -> ex.json(200,
                "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Let me check.\"},"
                        + "{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}}]},\"finishReason\":\"STOP\",\"index\":0}],"
                        + "\"usageMetadata\":{\"promptTokenCount\":20,\"candidatesTokenCount\":10,\"totalTokenCount\":30},"
                        + "\"modelVersion\":\"m-1\",\"responseId\":\"r-1\"}");
    }

    /** Gemini {@code streamGenerateContent?alt=sse}: CRLF-framed events, no end marker. */
    static FakeUpstream.Responder geminiStream() {
        return (req, ex) -> {
            ex.begin(200, Map.of("Content-Type", "text/event-stream"));
            ex.chunk("data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Let me \"}]},\"index\":0}],"
                    + "\"usageMetadata\":{\"promptTokenCount\":20,\"totalTokenCount\":20},\"modelVersion\":\"m-1\",\"responseId\":\"r-1\"}\r\n\r\n");
            ex.chunk("data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"check.\"},{\"functionCall\":{\"name\":\"get_weather\","
                    + "\"args\":{\"city\":\"Paris\"}}}]},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":20,"
                    + "\"candidatesTokenCount\":10,\"totalTokenCount\":30},\"modelVersion\":\"m-1\",\"responseId\":\"r-1\"}\r\n\r\n");
            ex.end();
        };
    }

    /** Cohere chat v2: an answer, or named events — labelled JSON, not an event stream (the gateway streams them regardless). */
    static FakeUpstream.Responder cohereChat() {
        return (req, ex) -> {
            if (!req.bodyText().contains("\"stream\":true")) {
                ex.json(200, "{\"id\":\"co-1\",\"finish_reason\":\"TOOL_CALL\",\"message\":{\"role\":\"assistant\",\"content\":[{\"type\":\"text\","
                        + "\"text\":\"Let me check.\"}],\"tool_calls\":[{\"id\":\"get_weather_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                        + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},\"usage\":{\"billed_units\":{\"input_tokens\":5,\"output_tokens\":10},"
                        + "\"tokens\":{\"input_tokens\":20,\"output_tokens\":10}}}");
                return;
            }
            // Not labelled as an event stream: the gateway answers text/event-stream regardless.
            ex.begin(200, Map.of("Content-Type", "application/json"));
            namedEvent(ex, "message-start", "{\"id\":\"co-1\",\"type\":\"message-start\",\"delta\":{\"message\":{\"role\":\"assistant\",\"content\":[],\"tool_plan\":\"\",\"tool_calls\":[],\"citations\":[]}}}");
            namedEvent(ex, "content-start", "{\"type\":\"content-start\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"type\":\"text\",\"text\":\"\"}}}}");
            namedEvent(ex, "content-delta", "{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"Let me check.\"}}}}");
            namedEvent(ex, "content-end", "{\"type\":\"content-end\",\"index\":0}");
            namedEvent(ex, "tool-call-start", "{\"type\":\"tool-call-start\",\"index\":0,\"delta\":{\"message\":{\"tool_calls\":{\"id\":\"get_weather_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}}}}");
            namedEvent(ex, "tool-call-delta", "{\"type\":\"tool-call-delta\",\"index\":0,\"delta\":{\"message\":{\"tool_calls\":{\"function\":{\"arguments\":\"{\\\"city\\\"\"}}}}}");
            namedEvent(ex, "tool-call-delta", "{\"type\":\"tool-call-delta\",\"index\":0,\"delta\":{\"message\":{\"tool_calls\":{\"function\":{\"arguments\":\": \\\"Paris\\\"}\"}}}}}");
            namedEvent(ex, "tool-call-end", "{\"type\":\"tool-call-end\",\"index\":0}");
            namedEvent(ex, "message-end", "{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"TOOL_CALL\",\"usage\":{\"tokens\":{\"input_tokens\":20,\"output_tokens\":10}}}}");
            ex.end();
        };
    }

    /** One SSE event with a name, as Anthropic, Cohere and OpenAI Responses send them. */
    static void namedEvent(FakeUpstream.Exchange ex, String name, String data) throws IOException {
        ex.chunk("event: " + name + "\ndata: " + data + "\n\n");
    }
}
