package io.gatehouse.provider.anthropic;

import io.gatehouse.model.ChatRequest;
import io.gatehouse.model.ChatResponse;
import io.gatehouse.model.Choice;
import io.gatehouse.model.ContentPart;
import io.gatehouse.model.FinishReason;
import io.gatehouse.model.ImagePart;
import io.gatehouse.model.Json;
import io.gatehouse.model.Message;
import io.gatehouse.model.Role;
import io.gatehouse.model.TextPart;
import io.gatehouse.model.Tool;
import io.gatehouse.model.ToolCall;
import io.gatehouse.model.ToolChoice;
import io.gatehouse.model.Usage;
import io.gatehouse.provider.ChatTranslator;
import io.gatehouse.provider.ModelEndpoint;
import io.gatehouse.provider.NativeRequest;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.provider.StreamTranslator;
import io.gatehouse.provider.ToolArguments;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI chat ⇄ Anthropic Messages. Out: system messages lifted into {@code system}; tool results become
 * {@code tool_result} blocks of a user turn (consecutive ones merged); tool calls become {@code tool_use}
 * blocks; images become base64 or url sources; {@code max_tokens} defaults to
 * {@value AnthropicProvider#DEFAULT_MAX_TOKENS}. In: text blocks joined, {@code tool_use} blocks as tool
 * calls, thinking blocks left out (strict OpenAI answers have no place for them).
 */
final class AnthropicChatMapper implements ChatTranslator {
    private final ModelEndpoint address;

    /** @param address where a model's Messages API is served */
    AnthropicChatMapper(ModelEndpoint address) {
        this.address = address;
    }

    @Override
    public NativeRequest request(ChatRequest r, ProviderCall call) {
        JsonObjectBuilder body = Json.object()
                .add("model", r.model())
                .add("max_tokens", r.maxTokens() != null ? r.maxTokens() : AnthropicProvider.DEFAULT_MAX_TOKENS);
        JsonArrayBuilder system = Json.array();
        boolean hasSystem = false;
        for (Message m : r.messages()) {
            if (m.role() == Role.SYSTEM) {
                system.add(Json.object().add("type", "text").add("text", m.text()));
                hasSystem = true;
            }
        }
        if (hasSystem) {
            JsonArray blocks = system.build();
            body.add("system", blocks.size() == 1 ? blocks.getJsonObject(0).get("text") : blocks);
        }
        body.add("messages", messages(r.messages()));
        if (!r.tools().isEmpty()) {
            body.add("tools", tools(r.tools()));
        }
        JsonObject toolChoice = toolChoice(r);
        if (toolChoice != null) {
            body.add("tool_choice", toolChoice);
        }
        Json.put(body, "stop_sequences", r.stop());
        Json.put(body, "temperature", r.temperature());
        Json.put(body, "top_p", r.topP());
        Json.put(body, "top_k", r.topK());
        if (r.user() != null) {
            body.add("metadata", Json.object().add("user_id", r.user()));
        }
        if (r.stream()) {
            body.add("stream", true);
        }
        return new NativeRequest(address.of(call, r.model(), r.stream()), body.build());
    }

    private static JsonArray messages(List<Message> messages) {
        JsonArrayBuilder out = Json.array();
        JsonArrayBuilder toolResults = null;
        for (Message m : messages) {
            if (m.role() == Role.SYSTEM) {
                continue;
            }
            if (m.role() == Role.TOOL) {
                if (toolResults == null) {
                    toolResults = Json.array();
                }
                toolResults.add(toolResult(m));
                continue;
            }
            if (toolResults != null) {
                out.add(Json.object().add("role", "user").add("content", toolResults));
                toolResults = null;
            }
            out.add(Json.object().add("role", m.role() == Role.ASSISTANT ? "assistant" : "user").add("content", content(m)));
        }
        if (toolResults != null) {
            out.add(Json.object().add("role", "user").add("content", toolResults));
        }
        return out.build();
    }

    /** Plain text stays a string; anything else becomes content blocks. */
    private static JsonValue content(Message m) {
        boolean textOnly = m.toolCalls().isEmpty() && !m.hasImages();
        if (textOnly) {
            return Json.PROVIDER.createValue(m.text());
        }
        JsonArrayBuilder blocks = Json.array();
        for (ContentPart part : m.content()) {
            JsonObject block = block(part);
            if (block != null) {
                blocks.add(block);
            }
        }
        for (ToolCall call : m.toolCalls()) {
            blocks.add(Json.object().add("type", "tool_use").add("id", call.id()).add("name", call.name())
                    .add("input", ToolArguments.asObject(call)));
        }
        return blocks.build();
    }

    private static JsonObject block(ContentPart part) {
        if (part instanceof TextPart t) {
            return t.text().isEmpty() ? null : Json.object().add("type", "text").add("text", t.text()).build();
        }
        ImagePart image = (ImagePart) part;
        ImagePart.InlineImage inline = image.inline();
        JsonObject source = inline != null
                ? Json.object().add("type", "base64").add("media_type", inline.mediaType()).add("data", inline.base64Data()).build()
                : Json.object().add("type", "url").add("url", ToolArguments.fetchableUrl(image.url())).build();
        return Json.object().add("type", "image").add("source", source).build();
    }

    private static JsonObject toolResult(Message m) {
        JsonObjectBuilder result = Json.object().add("type", "tool_result").add("tool_use_id", m.toolCallId());
        if (m.hasImages()) {
            JsonArrayBuilder blocks = Json.array();
            m.content().stream().map(AnthropicChatMapper::block).filter(b -> b != null).forEach(blocks::add);
            result.add("content", blocks);
        } else {
            result.add("content", m.text());
        }
        return result.build();
    }

    private static JsonArray tools(List<Tool> tools) {
        JsonArrayBuilder out = Json.array();
        for (Tool tool : tools) {
            JsonObjectBuilder t = Json.object().add("name", tool.name());
            Json.put(t, "description", tool.description());
            t.add("input_schema", tool.parameters() != null ? tool.parameters()
                    : Json.object().add("type", "object").add("properties", Json.object()).build());
            out.add(t);
        }
        return out.build();
    }

    private static JsonObject toolChoice(ChatRequest r) {
        ToolChoice choice = r.toolChoice();
        boolean noParallel = Boolean.FALSE.equals(r.parallelToolCalls()) && !r.tools().isEmpty();
        if (choice == null) {
            return noParallel ? Json.object().add("type", "auto").add("disable_parallel_tool_use", true).build() : null;
        }
        JsonObjectBuilder out = switch (choice.mode()) {
            case AUTO -> Json.object().add("type", "auto");
            case NONE -> Json.object().add("type", "none");
            case REQUIRED -> Json.object().add("type", "any");
            case FUNCTION -> Json.object().add("type", "tool").add("name", choice.functionName());
        };
        if (noParallel && choice.mode() != ToolChoice.Mode.NONE) {
            out.add("disable_parallel_tool_use", true);
        }
        return out.build();
    }

    @Override
    public ChatResponse response(JsonObject body, ChatRequest request) {
        StringBuilder text = new StringBuilder();
        boolean sawText = false;
        List<ToolCall> calls = new ArrayList<>();
        for (JsonValue v : Json.array(body, "content")) {
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                continue;
            }
            JsonObject block = v.asJsonObject();
            String type = Json.string(block, "type");
            if ("text".equals(type)) {
                text.append(Json.string(block, "text") == null ? "" : Json.string(block, "text"));
                sawText = true;
            } else if ("tool_use".equals(type)) {
                JsonObject input = Json.object(block, "input");
                calls.add(new ToolCall(Json.string(block, "id"), Json.string(block, "name"),
                        input == null ? "{}" : input.toString()));
            }
            // thinking and redacted_thinking blocks are not part of an OpenAI answer
        }
        String content = sawText || calls.isEmpty() ? text.toString() : null;
        Choice choice = new Choice(0, content, calls, finishReason(Json.string(body, "stop_reason")));
        return new ChatResponse(Json.string(body, "id"), Json.string(body, "model"), List.of(choice),
                usage(Json.object(body, "usage")));
    }

    @Override
    public StreamTranslator stream(ChatRequest request) {
        return new AnthropicStreamMapper(new AnthropicErrorMapper());
    }

    static FinishReason finishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.STOP; // end_turn, stop_sequence, pause_turn
        };
    }

    /** Prompt tokens include cache reads and writes, as OpenAI's do; cache reads are the cached tokens. */
    static Usage usage(JsonObject usage) {
        if (usage == null) {
            return null;
        }
        return usage(Json.integer(usage, "input_tokens", 0), Json.integer(usage, "cache_read_input_tokens"),
                Json.integer(usage, "cache_creation_input_tokens", 0), Json.integer(usage, "output_tokens", 0));
    }

    static Usage usage(int input, Integer cacheRead, int cacheCreation, int output) {
        int prompt = input + (cacheRead == null ? 0 : cacheRead) + cacheCreation;
        return new Usage(prompt, output, prompt + output, cacheRead, null);
    }
}
