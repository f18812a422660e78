package io.gatehouse.provider.cohere;

import io.gatehouse.model.ChatRequest;
import io.gatehouse.model.ChatResponse;
import io.gatehouse.model.Choice;
import io.gatehouse.model.FinishReason;
import io.gatehouse.model.Json;
import io.gatehouse.model.Message;
import io.gatehouse.model.ResponseFormat;
import io.gatehouse.model.Tool;
import io.gatehouse.model.ToolCall;
import io.gatehouse.model.ToolChoice;
import io.gatehouse.model.Usage;
import io.gatehouse.model.openai.OpenAiResponses;
import io.gatehouse.provider.ChatTranslator;
import io.gatehouse.provider.NativeRequest;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.provider.StreamTranslator;
import io.gatehouse.provider.openai.OpenAiChatMapper;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * OpenAI chat ⇄ Cohere chat v2, which is close to OpenAI's shape: messages (system, user, assistant with
 * {@code tool_calls}, tool with {@code tool_call_id}) and function tools carry over; {@code top_p}/{@code top_k}
 * become {@code p}/{@code k}; {@code stop} becomes {@code stop_sequences}. Cohere's {@code tool_choice}
 * knows only REQUIRED and NONE, so a named function becomes REQUIRED with the tools narrowed to it. In the
 * answer, the {@code tool_plan} and thinking content are left out.
 */
final class CohereChatMapper implements ChatTranslator {

    @Override
    public NativeRequest request(ChatRequest r, ProviderCall call) {
        JsonObjectBuilder body = Json.object().add("model", r.model()).add("messages", messages(r.messages()));
        ToolChoice choice = r.toolChoice();
        List<Tool> tools = r.tools();
        if (choice != null && choice.mode() == ToolChoice.Mode.FUNCTION) {
            tools = tools.stream().filter(t -> t.name().equals(choice.functionName())).toList();
        }
        if (!tools.isEmpty()) {
            body.add("tools", tools(tools));
        }
        if (choice != null && choice.mode() != ToolChoice.Mode.AUTO) {
            body.add("tool_choice", choice.mode() == ToolChoice.Mode.NONE ? "NONE" : "REQUIRED");
        }
        Json.put(body, "stop_sequences", r.stop());
        Json.put(body, "max_tokens", r.maxTokens());
        Json.put(body, "temperature", r.temperature());
        Json.put(body, "p", r.topP());
        Json.put(body, "k", r.topK());
        Json.put(body, "seed", r.seed());
        Json.put(body, "frequency_penalty", r.frequencyPenalty());
        Json.put(body, "presence_penalty", r.presencePenalty());
        ResponseFormat format = r.responseFormat();
        if (format != null && format.kind() != ResponseFormat.Kind.TEXT) {
            JsonObjectBuilder f = Json.object().add("type", "json_object");
            if (format.kind() == ResponseFormat.Kind.JSON_SCHEMA && format.schema() != null) {
                f.add("json_schema", format.schema());
            }
            body.add("response_format", f);
        }
        if (r.stream()) {
            body.add("stream", true);
        }
        return new NativeRequest(CohereProvider.v2(call, "chat"), body.build());
    }

    private static JsonArray messages(List<Message> messages) {
        JsonArrayBuilder out = Json.array();
        for (Message m : messages) {
            JsonObjectBuilder msg = Json.object();
            switch (m.role()) {
                case SYSTEM -> msg.add("role", "system").add("content", m.text());
                case USER -> msg.add("role", "user").add("content", OpenAiChatMapper.content(m));
                case TOOL -> msg.add("role", "tool").add("tool_call_id", m.toolCallId()).add("content", m.text());
                case ASSISTANT -> {
                    msg.add("role", "assistant");
                    if (!m.text().isEmpty() || m.toolCalls().isEmpty()) {
                        msg.add("content", m.text());
                    }
                    if (!m.toolCalls().isEmpty()) {
                        msg.add("tool_calls", OpenAiResponses.toolCalls(m.toolCalls()));
                    }
                }
            }
            out.add(msg);
        }
        return out.build();
    }

    private static JsonArray tools(List<Tool> tools) {
        JsonArrayBuilder out = Json.array();
        for (Tool tool : tools) {
            JsonObjectBuilder f = Json.object().add("name", tool.name());
            Json.put(f, "description", tool.description());
            Json.put(f, "parameters", tool.parameters());
            out.add(Json.object().add("type", "function").add("function", f));
        }
        return out.build();
    }

    @Override
    public ChatResponse response(JsonObject body, ChatRequest request) {
        JsonObject message = Json.object(body, "message");
        StringBuilder text = new StringBuilder();
        boolean sawText = false;
        for (JsonValue v : Json.array(message, "content")) {
            if (v.getValueType() == JsonValue.ValueType.OBJECT && "text".equals(Json.string(v.asJsonObject(), "type"))) {
                text.append(Json.string(v.asJsonObject(), "text") == null ? "" : Json.string(v.asJsonObject(), "text"));
                sawText = true;
            }
        }
        List<ToolCall> calls = new ArrayList<>();
        for (JsonValue v : Json.array(message, "tool_calls")) {
            if (v.getValueType() == JsonValue.ValueType.OBJECT) {
                JsonObject function = Json.object(v.asJsonObject(), "function");
                String arguments = Json.string(function, "arguments");
                calls.add(new ToolCall(Json.string(v.asJsonObject(), "id"), Json.string(function, "name"),
                        arguments == null || arguments.isEmpty() ? "{}" : arguments));
            }
        }
        String content = sawText || calls.isEmpty() ? text.toString() : null;
        Choice choice = new Choice(0, content, calls, finishReason(Json.string(body, "finish_reason")));
        return new ChatResponse(Json.string(body, "id"), null, List.of(choice), usage(Json.object(body, "usage")));
    }

    @Override
    public StreamTranslator stream(ChatRequest request) {
        return new CohereStreamMapper(new CohereErrorMapper());
    }

    static FinishReason finishReason(String reason) {
        if (reason == null) {
            return null;
        }
        return switch (reason.toUpperCase(Locale.ROOT)) {
            case "MAX_TOKENS" -> FinishReason.LENGTH;
            case "TOOL_CALL" -> FinishReason.TOOL_CALLS;
            case "ERROR", "TIMEOUT" -> FinishReason.ERROR;
            default -> FinishReason.STOP; // COMPLETE, STOP_SEQUENCE
        };
    }

    /** {@code usage.tokens} (what the model processed), else {@code usage.billed_units}. */
    static Usage usage(JsonObject usage) {
        if (usage == null) {
            return null;
        }
        JsonObject counts = Json.object(usage, "tokens") != null ? Json.object(usage, "tokens") : Json.object(usage, "billed_units");
        int input = Json.integer(counts, "input_tokens", 0);
        int output = Json.integer(counts, "output_tokens", 0);
        return new Usage(input, output, input + output, Json.integer(usage, "cached_tokens"), null);
    }
}
