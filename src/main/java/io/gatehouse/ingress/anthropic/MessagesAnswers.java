package io.gatehouse.ingress.anthropic;

import io.gatehouse.error.GatewayException;
import io.gatehouse.model.ChatRequest;
import io.gatehouse.model.ChatResponse;
import io.gatehouse.model.Choice;
import io.gatehouse.model.FinishReason;
import io.gatehouse.model.Json;
import io.gatehouse.model.ProviderError;
import io.gatehouse.model.ToolCall;
import io.gatehouse.model.Usage;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Set;

/**
 * Writes canonical answers as the Messages API does: a {@code message} with {@code text} and {@code tool_use}
 * content blocks, Anthropic's stop reasons and usage; errors as {@code {"type":"error","error":{"type","message"}}}
 * with Anthropic's error types.
 */
public final class MessagesAnswers {
    /** Anthropic's documented error types; a provider error of another type is named by its status. */
    private static final Set<String> ERROR_TYPES = Set.of("invalid_request_error", "authentication_error",
            "permission_error", "not_found_error", "request_too_large", "rate_limit_error", "api_error",
            "overloaded_error", "timeout_error", "billing_error");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private MessagesAnswers() {
    }

    /** The answer's first choice (the Messages API has one) as a {@code message}. */
    public static JsonObject message(ChatResponse response, ChatRequest request) {
        Choice choice = response.choices().isEmpty() ? null : response.choices().get(0);
        JsonArrayBuilder content = Json.array();
        boolean calls = choice != null && !choice.toolCalls().isEmpty();
        if (choice != null && choice.content() != null && !choice.content().isEmpty() || !calls) {
            content.add(Json.object().add("type", "text").add("text", choice == null || choice.content() == null ? "" : choice.content()));
        }
        if (calls) {
            for (ToolCall call : choice.toolCalls()) {
                content.add(Json.object().add("type", "tool_use").add("id", call.id() != null ? call.id() : newId("toolu_"))
                        .add("name", call.name()).add("input", input(call.arguments())));
            }
        }
        return Json.object()
                .add("id", response.id() != null ? response.id() : newId("msg_"))
                .add("type", "message")
                .add("role", "assistant")
                .add("model", response.model() != null ? response.model() : request.model())
                .add("content", content)
                .add("stop_reason", stopReason(choice == null ? null : choice.finishReason(), calls))
                .addNull("stop_sequence")
                .add("usage", usage(response.usage()))
                .build();
    }

    /**
     * Anthropic's stop reason. OpenAI's {@code stop} covers a matched stop sequence too, which cannot be told
     * apart: it reads as {@code end_turn}. An answer with tool calls stops for {@code tool_use}, whatever the
     * provider said (some OpenAI-compatible servers say {@code stop}).
     */
    static String stopReason(FinishReason reason, boolean calledTools) {
        if (reason == FinishReason.LENGTH) {
            return "max_tokens";
        }
        if (reason == FinishReason.CONTENT_FILTER) {
            return "refusal";
        }
        return calledTools || reason == FinishReason.TOOL_CALLS ? "tool_use" : "end_turn";
    }

    /**
     * Anthropic's usage: input tokens exclude cache reads (canonical prompt tokens include them). The cache
     * writes the other providers do not report read as 0.
     */
    static JsonObject usage(Usage usage) {
        Usage u = usage != null ? usage : Usage.of(0, 0);
        int cached = u.cachedTokens() == null ? 0 : u.cachedTokens();
        return Json.object()
                .add("input_tokens", Math.max(0, u.promptTokens() - cached))
                .add("cache_creation_input_tokens", 0)
                .add("cache_read_input_tokens", cached)
                .add("output_tokens", u.completionTokens())
                .build();
    }

    /** Tool input must be an object: arguments that are not one (cut off by the token limit) read as {}. */
    private static JsonObject input(String arguments) {
        JsonObject input = Json.parseObjectOrNull(arguments);
        return input != null ? input : JsonObject.EMPTY_JSON_OBJECT;
    }

    /** A provider's error, named as the provider said it. */
    public static JsonObject providerError(ProviderError error, String provider, int status) {
        String type = error.type() != null && ERROR_TYPES.contains(error.type()) ? error.type() : errorType(status);
        return error(type, provider + " error: " + error.message());
    }

    public static byte[] gatewayError(GatewayException e) {
        JsonObjectBuilder body = Json.PROVIDER.createObjectBuilder(error(errorType(e.status()), e.getMessage()));
        e.bodyExtras().forEach(body::add);
        return body.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    static JsonObject error(String type, String message) {
        return Json.object().add("type", "error")
                .add("error", Json.object().add("type", type).add("message", message == null ? "" : message)).build();
    }

    /** Anthropic's error type for an HTTP status, as its API reference lists them. */
    static String errorType(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 408, 504 -> "timeout_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    /** An id in Anthropic's style, for answers whose provider gave none: the prefix and 24 random characters. */
    static String newId(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 24; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }
}
