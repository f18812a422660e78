package io.gatehouse.model.openai;

import io.gatehouse.http.Ids;
import io.gatehouse.model.ChatResponse;
import io.gatehouse.model.Choice;
import io.gatehouse.model.EmbeddingsResponse;
import io.gatehouse.model.Json;
import io.gatehouse.model.ProviderError;
import io.gatehouse.model.ToolCall;
import io.gatehouse.model.Usage;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

/**
 * Writes canonical answers as OpenAI JSON, each marked with the {@code provider} that answered so the
 * client can tell (and nothing else differs between providers).
 */
public final class OpenAiResponses {
    private OpenAiResponses() {
    }

    public static String newCompletionId() {
        return "chatcmpl-" + Ids.hex(32);
    }

    public static JsonObject chatCompletion(ChatResponse response, String provider, String requestModel, long created) {
        JsonArrayBuilder choices = Json.array();
        for (Choice choice : response.choices()) {
            JsonObjectBuilder message = Json.object().add("role", "assistant");
            if (choice.content() == null) {
                message.addNull("content");
            } else {
                message.add("content", choice.content());
            }
            if (!choice.toolCalls().isEmpty()) {
                message.add("tool_calls", toolCalls(choice.toolCalls()));
            }
            JsonObjectBuilder c = Json.object().add("index", choice.index()).add("message", message).addNull("logprobs");
            if (choice.finishReason() == null) {
                c.addNull("finish_reason");
            } else {
                c.add("finish_reason", choice.finishReason().wireName());
            }
            choices.add(c);
        }
        JsonObjectBuilder out = Json.object()
                .add("id", response.id() != null ? response.id() : newCompletionId())
                .add("object", "chat.completion")
                .add("created", created)
                .add("model", response.model() != null ? response.model() : requestModel)
                .add("provider", provider)
                .add("choices", choices);
        if (response.usage() != null) {
            out.add("usage", usage(response.usage()));
        }
        return out.build();
    }

    public static JsonArrayBuilder toolCalls(List<ToolCall> calls) {
        JsonArrayBuilder array = Json.array();
        for (ToolCall call : calls) {
            array.add(Json.object().add("id", call.id()).add("type", "function")
                    .add("function", Json.object().add("name", call.name()).add("arguments", call.arguments())));
        }
        return array;
    }

    public static JsonObject usage(Usage usage) {
        JsonObjectBuilder out = Json.object()
                .add("prompt_tokens", usage.promptTokens())
                .add("completion_tokens", usage.completionTokens())
                .add("total_tokens", usage.totalTokens());
        if (usage.cachedTokens() != null) {
            out.add("prompt_tokens_details", Json.object().add("cached_tokens", usage.cachedTokens()));
        }
        if (usage.reasoningTokens() != null) {
            out.add("completion_tokens_details", Json.object().add("reasoning_tokens", usage.reasoningTokens()));
        }
        return out.build();
    }

    /** OpenAI's embeddings list; {@code base64} packs each vector as little-endian float32, as OpenAI does. */
    public static JsonObject embeddings(EmbeddingsResponse response, String provider, String requestModel, String encodingFormat) {
        boolean base64 = "base64".equals(encodingFormat);
        JsonArrayBuilder data = Json.array();
        for (int i = 0; i < response.vectors().size(); i++) {
            double[] vector = response.vectors().get(i);
            JsonObjectBuilder item = Json.object().add("object", "embedding").add("index", i);
            if (base64) {
                item.add("embedding", base64Float32(vector));
            } else {
                JsonArrayBuilder values = Json.array();
                for (double v : vector) {
                    values.add(v);
                }
                item.add("embedding", values);
            }
            data.add(item);
        }
        Usage usage = response.usage() != null ? response.usage() : Usage.of(0, 0);
        return Json.object()
                .add("object", "list")
                .add("data", data)
                .add("model", response.model() != null ? response.model() : requestModel)
                .add("provider", provider)
                .add("usage", Json.object().add("prompt_tokens", usage.promptTokens()).add("total_tokens", usage.totalTokens()))
                .build();
    }

    /** {@code {"error":{"message":"<provider> error: …","type","param","code"},"provider":"<provider>"}}. */
    public static JsonObject error(ProviderError error, String provider) {
        JsonObjectBuilder e = Json.object().add("message", provider + " error: " + error.message());
        nullable(e, "type", error.type());
        nullable(e, "param", error.param());
        nullable(e, "code", error.code());
        return Json.object().add("error", e).add("provider", provider).build();
    }

    private static void nullable(JsonObjectBuilder b, String key, String value) {
        if (value == null) {
            b.addNull(key);
        } else {
            b.add(key, value);
        }
    }

    static String base64Float32(double[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : vector) {
            buffer.putFloat((float) v);
        }
        return Base64.getEncoder().encodeToString(buffer.array());
    }
}
