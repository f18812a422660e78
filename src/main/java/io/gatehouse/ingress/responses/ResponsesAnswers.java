package io.gatehouse.ingress.responses;

import io.gatehouse.model.ChatResponse;
import io.gatehouse.model.Choice;
import io.gatehouse.model.FinishReason;
import io.gatehouse.model.Json;
import io.gatehouse.model.ToolCall;
import io.gatehouse.model.Usage;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * Writes canonical answers as OpenAI's Responses API does: a {@code response} object whose {@code output}
 * holds a {@code message} item ({@code output_text} content) and {@code function_call} items, with
 * {@code status} ({@code incomplete} with its reason when the token limit or a content filter stopped it),
 * usage with its details, the request's settings echoed, and {@code output_text}, the text of every
 * message, as the SDKs offer it.
 */
final class ResponsesAnswers {
    private ResponsesAnswers() {
    }

    /** The state of one response, as it is being built or when it is finished. */
    record Snapshot(String id, long createdAt, String model, String status, FinishReason finishReason, JsonArray output,
                    Usage usage, boolean stored, JsonObject error) {
    }

    /** A finished answer's state: its first choice's text and calls as output items with new ids. */
    static Snapshot finished(ChatResponse response, ResponsesRequest request, long createdAt) {
        Choice choice = response.choices().isEmpty() ? null : response.choices().get(0);
        JsonArrayBuilder output = Json.array();
        boolean text = choice != null && choice.content() != null && !choice.content().isEmpty();
        if (text || choice != null && choice.toolCalls().isEmpty()) {
            output.add(messageItem(ResponsesIds.message(), text ? choice.content() : "", "completed"));
        }
        if (choice != null) {
            for (ToolCall call : choice.toolCalls()) {
                output.add(functionCallItem(ResponsesIds.functionCall(), call.id(), call.name(), call.arguments(), "completed"));
            }
        }
        FinishReason reason = choice == null ? null : choice.finishReason();
        return new Snapshot(ResponsesIds.response(), createdAt, response.model() != null ? response.model() : request.chat().model(),
                status(reason), reason, output.build(), response.usage(), request.store(), null);
    }

    /** {@code completed}, or {@code incomplete} when the answer was cut off. */
    static String status(FinishReason reason) {
        return reason == FinishReason.LENGTH || reason == FinishReason.CONTENT_FILTER ? "incomplete" : "completed";
    }

    static JsonObject response(Snapshot s, ResponsesRequest request) {
        JsonObject echo = request.echo();
        JsonObjectBuilder out = Json.object()
                .add("id", s.id())
                .add("object", "response")
                .add("created_at", s.createdAt())
                .add("status", s.status())
                .add("background", false)
                .add("error", s.error() == null ? JsonValue.NULL : s.error())
                .add("incomplete_details", incompleteDetails(s))
                .add("instructions", echoed(echo, "instructions", JsonValue.NULL))
                .add("max_output_tokens", echoed(echo, "max_output_tokens", JsonValue.NULL))
                .add("model", s.model())
                .add("output", s.output())
                .add("output_text", outputText(s.output()))
                .add("parallel_tool_calls", echoed(echo, "parallel_tool_calls", JsonValue.TRUE))
                .add("previous_response_id", request.previousResponseId() == null ? JsonValue.NULL
                        : Json.PROVIDER.createValue(request.previousResponseId()))
                .add("reasoning", Json.object().addNull("effort").addNull("summary"))
                .add("store", s.stored())
                .add("temperature", echoed(echo, "temperature", JsonValue.NULL))
                .add("text", echoed(echo, "text", Json.object().add("format", Json.object().add("type", "text")).build()))
                .add("tool_choice", echoed(echo, "tool_choice", Json.PROVIDER.createValue("auto")))
                .add("tools", echoed(echo, "tools", JsonValue.EMPTY_JSON_ARRAY))
                .add("top_p", echoed(echo, "top_p", JsonValue.NULL))
                .add("truncation", "disabled")
                .add("usage", s.usage() == null ? JsonValue.NULL : usage(s.usage()))
                .add("user", echoed(echo, "user", JsonValue.NULL))
                .add("metadata", echoed(echo, "metadata", JsonValue.EMPTY_JSON_OBJECT));
        return out.build();
    }

    private static JsonValue incompleteDetails(Snapshot s) {
        if (!"incomplete".equals(s.status())) {
            return JsonValue.NULL;
        }
        String reason = s.finishReason() == FinishReason.CONTENT_FILTER ? "content_filter" : "max_output_tokens";
        return Json.object().add("reason", reason).build();
    }

    private static JsonValue echoed(JsonObject echo, String field, JsonValue absent) {
        JsonValue v = echo.get(field);
        return v == null ? absent : v;
    }

    static JsonObject messageItem(String id, String text, String status) {
        JsonArrayBuilder content = Json.array();
        if (text != null) {
            content.add(outputText(text));
        }
        return Json.object().add("id", id).add("type", "message").add("status", status).add("role", "assistant")
                .add("content", content).build();
    }

    static JsonObject outputText(String text) {
        return Json.object().add("type", "output_text").add("text", text).add("annotations", Json.array())
                .add("logprobs", Json.array()).build();
    }

    static JsonObject functionCallItem(String id, String callId, String name, String arguments, String status) {
        return Json.object().add("id", id).add("type", "function_call").add("status", status)
                .add("arguments", arguments == null ? "" : arguments).add("call_id", callId).add("name", name == null ? "" : name)
                .build();
    }

    /** The text of every output message, joined: the SDKs' {@code output_text}. */
    static String outputText(JsonArray output) {
        StringBuilder text = new StringBuilder();
        for (JsonValue item : output) {
            if ("message".equals(Json.string(item.asJsonObject(), "type"))) {
                for (JsonValue part : Json.array(item.asJsonObject(), "content")) {
                    if ("output_text".equals(Json.string(part.asJsonObject(), "type"))) {
                        text.append(Json.string(part.asJsonObject(), "text"));
                    }
                }
            }
        }
        return text.toString();
    }

    /** Responses usage: input and output tokens with their cached and reasoning details. */
    static JsonObject usage(Usage u) {
        return Json.object()
                .add("input_tokens", u.promptTokens())
                .add("input_tokens_details", Json.object().add("cached_tokens", u.cachedTokens() == null ? 0 : u.cachedTokens()))
                .add("output_tokens", u.completionTokens())
                .add("output_tokens_details", Json.object().add("reasoning_tokens", u.reasoningTokens() == null ? 0 : u.reasoningTokens()))
                .add("total_tokens", u.totalTokens())
                .build();
    }
}
