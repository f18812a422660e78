package io.gatehouse.provider.bedrock;

import io.gatehouse.error.GatewayException;
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
import java.util.Locale;

/**
 * OpenAI chat ⇄ Bedrock's Converse API ({@code POST /model/{modelId}/converse}, {@code /converse-stream}),
 * the same for every model family. System messages become {@code system} blocks; messages become content
 * blocks ({@code text}, {@code image} with its bytes, {@code toolUse}, {@code toolResult}), consecutive ones
 * of the same role merged since Converse requires turns to alternate; {@code max_tokens}, {@code temperature},
 * {@code top_p} and {@code stop} go in {@code inferenceConfig}, {@code top_k} in
 * {@code additionalModelRequestFields}; function tools become {@code toolSpec}s. Converse takes images only
 * as bytes, so an http(s) image URL is refused (400).
 */
final class BedrockChatMapper implements ChatTranslator {
    private final BedrockRequests requests;
    private final BedrockErrorMapper errors;

    BedrockChatMapper(BedrockRequests requests, BedrockErrorMapper errors) {
        this.requests = requests;
        this.errors = errors;
    }

    @Override
    public NativeRequest request(ChatRequest r, ProviderCall call) {
        JsonObjectBuilder body = Json.object();
        JsonArrayBuilder system = Json.array();
        boolean hasSystem = false;
        for (Message m : r.messages()) {
            if (m.role() == Role.SYSTEM && !m.text().isEmpty()) {
                system.add(Json.object().add("text", m.text()));
                hasSystem = true;
            }
        }
        body.add("messages", messages(r.messages()));
        if (hasSystem) {
            body.add("system", system);
        }
        JsonObjectBuilder inference = Json.object();
        Json.put(inference, "maxTokens", r.maxTokens());
        Json.put(inference, "temperature", r.temperature());
        Json.put(inference, "topP", r.topP());
        Json.put(inference, "stopSequences", r.stop());
        JsonObject inferenceConfig = inference.build();
        if (!inferenceConfig.isEmpty()) {
            body.add("inferenceConfig", inferenceConfig);
        }
        if (r.topK() != null) {
            body.add("additionalModelRequestFields", Json.object().add("top_k", r.topK()));
        }
        JsonObject toolConfig = toolConfig(r);
        if (toolConfig != null) {
            body.add("toolConfig", toolConfig);
        }
        String path = "/model/" + BedrockModels.pathSegment(r.model()) + (r.stream() ? "/converse-stream" : "/converse");
        return requests.post(call, BedrockRequests.Api.RUNTIME, path, body.build());
    }

    private static JsonArray messages(List<Message> messages) {
        JsonArrayBuilder out = Json.array();
        String role = null;
        JsonArrayBuilder content = null;
        for (Message m : messages) {
            if (m.role() == Role.SYSTEM) {
                continue;
            }
            String next = m.role() == Role.ASSISTANT ? "assistant" : "user"; // tool results are the user's turn
            if (!next.equals(role)) {
                if (role != null) {
                    out.add(Json.object().add("role", role).add("content", content));
                }
                role = next;
                content = Json.array();
            }
            blocks(m, content);
        }
        if (role != null) {
            out.add(Json.object().add("role", role).add("content", content));
        }
        return out.build();
    }

    private static void blocks(Message m, JsonArrayBuilder out) {
        if (m.role() == Role.TOOL) {
            JsonArrayBuilder result = Json.array();
            for (ContentPart part : m.content()) {
                JsonObject block = block(part);
                if (block != null) {
                    result.add(block);
                }
            }
            JsonArray resultBlocks = result.build();
            out.add(Json.object().add("toolResult", Json.object().add("toolUseId", m.toolCallId())
                    .add("content", resultBlocks.isEmpty() ? Json.array().add(Json.object().add("text", m.text())).build() : resultBlocks)));
            return;
        }
        for (ContentPart part : m.content()) {
            JsonObject block = block(part);
            if (block != null) {
                out.add(block);
            }
        }
        for (ToolCall call : m.toolCalls()) {
            out.add(Json.object().add("toolUse", Json.object().add("toolUseId", call.id()).add("name", call.name())
                    .add("input", ToolArguments.asObject(call))));
        }
    }

    private static JsonObject block(ContentPart part) {
        if (part instanceof TextPart t) {
            return t.text().isEmpty() ? null : Json.object().add("text", t.text()).build();
        }
        ImagePart.InlineImage inline = ((ImagePart) part).inline();
        if (inline == null) {
            throw GatewayException.badRequest("invalid_body",
                    "Invalid request: Bedrock takes images as data:image/<png|jpeg|gif|webp>;base64 URLs, not links");
        }
        String format = inline.mediaType().toLowerCase(Locale.ROOT).replace("image/", "").replace("jpg", "jpeg");
        return Json.object().add("image", Json.object().add("format", format)
                .add("source", Json.object().add("bytes", inline.base64Data()))).build();
    }

    /** Converse has no "none": the tools are then left out (unless earlier turns used them, which Converse requires declared). */
    private static JsonObject toolConfig(ChatRequest r) {
        ToolChoice choice = r.toolChoice();
        boolean none = choice != null && choice.mode() == ToolChoice.Mode.NONE;
        if (r.tools().isEmpty() || none && r.messages().stream().noneMatch(BedrockChatMapper::usesTools)) {
            return null;
        }
        JsonArrayBuilder tools = Json.array();
        for (Tool tool : r.tools()) {
            JsonObjectBuilder spec = Json.object().add("name", tool.name());
            Json.put(spec, "description", tool.description());
            spec.add("inputSchema", Json.object().add("json", tool.parameters() != null ? tool.parameters()
                    : Json.object().add("type", "object").add("properties", Json.object()).build()));
            tools.add(Json.object().add("toolSpec", spec));
        }
        JsonObjectBuilder config = Json.object().add("tools", tools);
        if (choice != null && !none) {
            config.add("toolChoice", switch (choice.mode()) {
                case REQUIRED -> Json.object().add("any", Json.object());
                case FUNCTION -> Json.object().add("tool", Json.object().add("name", choice.functionName()));
                default -> Json.object().add("auto", Json.object());
            });
        }
        return config.build();
    }

    private static boolean usesTools(Message m) {
        return m.role() == Role.TOOL || !m.toolCalls().isEmpty();
    }

    @Override
    public ChatResponse response(JsonObject body, ChatRequest request) {
        StringBuilder text = new StringBuilder();
        boolean sawText = false;
        List<ToolCall> calls = new ArrayList<>();
        for (JsonValue v : Json.array(Json.object(Json.object(body, "output"), "message"), "content")) {
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                continue;
            }
            JsonObject block = v.asJsonObject();
            if (Json.string(block, "text") != null) {
                text.append(Json.string(block, "text"));
                sawText = true;
            } else if (Json.object(block, "toolUse") != null) {
                JsonObject use = Json.object(block, "toolUse");
                JsonValue input = use.get("input");
                calls.add(new ToolCall(Json.string(use, "toolUseId"), Json.string(use, "name"), input == null ? "{}" : input.toString()));
            }
            // reasoningContent, citations and guardContent blocks are not part of an OpenAI answer
        }
        String content = sawText || calls.isEmpty() ? text.toString() : null;
        Choice choice = new Choice(0, content, calls, finishReason(Json.string(body, "stopReason")));
        return new ChatResponse(null, null, List.of(choice), usage(Json.object(body, "usage")));
    }

    @Override
    public StreamTranslator stream(ChatRequest request) {
        return new BedrockStreamMapper(errors);
    }

    static FinishReason finishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "guardrail_intervened", "content_filtered" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.STOP; // end_turn, stop_sequence
        };
    }

    /** Prompt tokens include cache reads and writes, as OpenAI's do; cache reads are the cached tokens. */
    static Usage usage(JsonObject usage) {
        if (usage == null) {
            return null;
        }
        Integer cacheRead = Json.integer(usage, "cacheReadInputTokens");
        int prompt = Json.integer(usage, "inputTokens", 0) + (cacheRead == null ? 0 : cacheRead)
                + Json.integer(usage, "cacheWriteInputTokens", 0);
        int output = Json.integer(usage, "outputTokens", 0);
        return new Usage(prompt, output, prompt + output, cacheRead, null);
    }
}
