package io.gatehouse.provider.openai;

import io.gatehouse.model.ChatRequest;
import io.gatehouse.model.ChatResponse;
import io.gatehouse.model.Choice;
import io.gatehouse.model.ContentPart;
import io.gatehouse.model.FinishReason;
import io.gatehouse.model.ImagePart;
import io.gatehouse.model.Json;
import io.gatehouse.model.Message;
import io.gatehouse.model.ResponseFormat;
import io.gatehouse.model.TextPart;
import io.gatehouse.model.Tool;
import io.gatehouse.model.ToolCall;
import io.gatehouse.model.ToolChoice;
import io.gatehouse.model.Usage;
import io.gatehouse.model.openai.OpenAiResponses;
import io.gatehouse.provider.ApiTrait;
import io.gatehouse.provider.Capability;
import io.gatehouse.provider.ChatTranslator;
import io.gatehouse.provider.Endpoint;
import io.gatehouse.provider.ModelEndpoint;
import io.gatehouse.provider.NativeRequest;
import io.gatehouse.provider.PassThroughApi;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.provider.StreamTranslator;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Canonical chat ⇄ OpenAI Chat Completions, for requests that reach an OpenAI-format provider (OpenAI, the
 * compatible family, Azure OpenAI) from another client dialect. Out: the provider's own chat endpoint and
 * auth, a Chat Completions body; streams ask for usage ({@code stream_options.include_usage}) where the
 * provider accepts it ({@link ApiTrait#STREAM_USAGE_OPTION}), since the other dialects report it. The output
 * limit is {@code max_completion_tokens} where the provider takes it ({@link ApiTrait#MAX_COMPLETION_TOKENS}:
 * OpenAI and Azure OpenAI, whose reasoning models refuse {@code max_tokens}) and {@code max_tokens} for the
 * compatible family, which does not all know the newer name. {@code top_k} is not sent (OpenAI refuses unknown fields).
 * In: a {@code chat.completion} answer read back into canonical form.
 */
public final class OpenAiChatMapper implements ChatTranslator {
    /** Where requests go, or null for the provider's own Chat Completions endpoint. */
    private final ModelEndpoint address;

    public OpenAiChatMapper() {
        this(null);
    }

    /** Chat Completions served at another address (Vertex AI's OpenAI-compatible endpoint for partner models). */
    public OpenAiChatMapper(ModelEndpoint address) {
        this.address = address;
    }

    @Override
    public NativeRequest request(ChatRequest r, ProviderCall call) {
        JsonObjectBuilder body = Json.object().add("model", r.model()).add("messages", messages(r.messages()));
        if (!r.tools().isEmpty()) {
            body.add("tools", tools(r.tools()));
        }
        Json.put(body, "tool_choice", toolChoice(r.toolChoice()));
        Json.put(body, "parallel_tool_calls", r.tools().isEmpty() ? null : r.parallelToolCalls());
        Json.put(body, "response_format", responseFormat(r.responseFormat()));
        Json.put(body, "stop", r.stop());
        Json.put(body, call.provider().has(ApiTrait.MAX_COMPLETION_TOKENS) ? "max_completion_tokens" : "max_tokens",
                r.maxTokens());
        Json.put(body, "temperature", r.temperature());
        Json.put(body, "top_p", r.topP());
        Json.put(body, "n", r.n());
        Json.put(body, "seed", r.seed());
        Json.put(body, "frequency_penalty", r.frequencyPenalty());
        Json.put(body, "presence_penalty", r.presencePenalty());
        Json.put(body, "user", r.user());
        if (r.stream()) {
            body.add("stream", true);
            if (call.provider().has(ApiTrait.STREAM_USAGE_OPTION)) {
                body.add("stream_options", Json.object().add("include_usage", true));
            }
        }
        Endpoint endpoint = address != null ? address.of(call, r.model(), r.stream())
                : ((PassThroughApi) call.provider().api()).endpoint(Capability.CHAT_COMPLETIONS, call);
        return new NativeRequest(endpoint, body.build());
    }

    private static JsonArrayBuilder messages(List<Message> messages) {
        JsonArrayBuilder out = Json.array();
        for (Message m : messages) {
            JsonObjectBuilder message = Json.object();
            switch (m.role()) {
                case SYSTEM -> message.add("role", "system").add("content", m.text());
                case USER -> message.add("role", "user").add("content", content(m));
                case ASSISTANT -> {
                    message.add("role", "assistant");
                    if (m.content().isEmpty() && !m.toolCalls().isEmpty()) {
                        message.addNull("content");
                    } else {
                        message.add("content", m.text());
                    }
                    if (!m.toolCalls().isEmpty()) {
                        message.add("tool_calls", OpenAiResponses.toolCalls(m.toolCalls()));
                    }
                }
                // OpenAI's tool messages carry text only: images in a tool result are not sent.
                case TOOL -> message.add("role", "tool").add("tool_call_id", m.toolCallId()).add("content", m.text());
            }
            Json.put(message, "name", m.name());
            out.add(message);
        }
        return out;
    }

    /** Plain text stays a string; text with images becomes content parts (Cohere's v2 chat takes the same). */
    public static JsonValue content(Message m) {
        if (!m.hasImages()) {
            return Json.PROVIDER.createValue(m.text());
        }
        JsonArrayBuilder parts = Json.array();
        for (ContentPart part : m.content()) {
            if (part instanceof TextPart t) {
                parts.add(Json.object().add("type", "text").add("text", t.text()));
            } else {
                ImagePart image = (ImagePart) part;
                JsonObjectBuilder url = Json.object().add("url", image.url());
                Json.put(url, "detail", image.detail());
                parts.add(Json.object().add("type", "image_url").add("image_url", url));
            }
        }
        return parts.build();
    }

    private static JsonArrayBuilder tools(List<Tool> tools) {
        JsonArrayBuilder out = Json.array();
        for (Tool tool : tools) {
            JsonObjectBuilder function = Json.object().add("name", tool.name());
            Json.put(function, "description", tool.description());
            Json.put(function, "parameters", tool.parameters());
            Json.put(function, "strict", tool.strict());
            out.add(Json.object().add("type", "function").add("function", function));
        }
        return out;
    }

    private static JsonValue toolChoice(ToolChoice choice) {
        if (choice == null) {
            return null;
        }
        return switch (choice.mode()) {
            case AUTO -> Json.PROVIDER.createValue("auto");
            case NONE -> Json.PROVIDER.createValue("none");
            case REQUIRED -> Json.PROVIDER.createValue("required");
            case FUNCTION -> Json.object().add("type", "function")
                    .add("function", Json.object().add("name", choice.functionName())).build();
        };
    }

    private static JsonObject responseFormat(ResponseFormat format) {
        if (format == null) {
            return null;
        }
        return switch (format.kind()) {
            case TEXT -> Json.object().add("type", "text").build();
            case JSON_OBJECT -> Json.object().add("type", "json_object").build();
            case JSON_SCHEMA -> {
                JsonObjectBuilder schema = Json.object().add("name", format.name() != null ? format.name() : "response");
                Json.put(schema, "schema", format.schema());
                Json.put(schema, "strict", format.strict());
                yield Json.object().add("type", "json_schema").add("json_schema", schema).build();
            }
        };
    }

    @Override
    public ChatResponse response(JsonObject body, ChatRequest request) {
        if (!(body.get("choices") instanceof jakarta.json.JsonArray)) {
            throw new IllegalStateException("not a chat completion: no choices");
        }
        List<Choice> choices = new ArrayList<>();
        for (JsonValue v : Json.array(body, "choices")) {
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                continue;
            }
            JsonObject choice = v.asJsonObject();
            JsonObject message = Json.object(choice, "message");
            String finish = Json.string(choice, "finish_reason");
            choices.add(new Choice(Json.integer(choice, "index", choices.size()), text(message == null ? null : message.get("content")),
                    toolCalls(message), finish == null ? null : FinishReason.fromWireName(finish)));
        }
        return new ChatResponse(Json.string(body, "id"), Json.string(body, "model"), choices, usage(Json.object(body, "usage")));
    }

    /** Message content as text: a string, or the text of content parts (some compatible servers send parts). */
    static String text(JsonValue content) {
        if (content instanceof JsonString s) {
            return s.getString();
        }
        if (content == null || content.getValueType() != JsonValue.ValueType.ARRAY) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (JsonValue part : content.asJsonArray()) {
            if (part.getValueType() == JsonValue.ValueType.OBJECT) {
                String t = Json.string(part.asJsonObject(), "text");
                text.append(t == null ? "" : t);
            }
        }
        return text.toString();
    }

    private static List<ToolCall> toolCalls(JsonObject message) {
        List<ToolCall> calls = new ArrayList<>();
        for (JsonValue v : Json.array(message, "tool_calls")) {
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                continue;
            }
            JsonObject function = Json.object(v.asJsonObject(), "function");
            String arguments = Json.string(function, "arguments");
            calls.add(new ToolCall(Json.string(v.asJsonObject(), "id"), Json.string(function, "name"),
                    arguments == null || arguments.isBlank() ? "{}" : arguments));
        }
        return calls;
    }

    /** OpenAI's usage, details included. */
    public static Usage usage(JsonObject usage) {
        if (usage == null) {
            return null;
        }
        int prompt = Json.integer(usage, "prompt_tokens", 0);
        int completion = Json.integer(usage, "completion_tokens", 0);
        return new Usage(prompt, completion, Json.integer(usage, "total_tokens", prompt + completion),
                Json.integer(Json.object(usage, "prompt_tokens_details"), "cached_tokens"),
                Json.integer(Json.object(usage, "completion_tokens_details"), "reasoning_tokens"));
    }

    @Override
    public StreamTranslator stream(ChatRequest request) {
        return new OpenAiStreamMapper();
    }
}
