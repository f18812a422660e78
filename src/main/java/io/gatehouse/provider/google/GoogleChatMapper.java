package io.gatehouse.provider.google;

import io.gatehouse.error.GatewayException;
import io.gatehouse.http.Ids;
import io.gatehouse.model.ChatRequest;
import io.gatehouse.model.ChatResponse;
import io.gatehouse.model.Choice;
import io.gatehouse.model.ContentPart;
import io.gatehouse.model.FinishReason;
import io.gatehouse.model.ImagePart;
import io.gatehouse.model.Json;
import io.gatehouse.model.Message;
import io.gatehouse.model.ResponseFormat;
import io.gatehouse.model.Role;
import io.gatehouse.model.TextPart;
import io.gatehouse.model.Tool;
import io.gatehouse.model.ToolCall;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OpenAI chat ⇄ Gemini {@code generateContent}. Out: assistant → {@code model}; system messages →
 * {@code systemInstruction}; images → {@code inlineData} (data URLs) or {@code fileData} (http URLs);
 * tools → {@code functionDeclarations}; tool calls and results → {@code functionCall} /
 * {@code functionResponse}. Gemini calls carry no ids, so the gateway makes them up and maps tool results
 * back to the function name through the assistant turn that made the call. Sampling settings, stop
 * sequences, {@code n} and the response format go into {@code generationConfig}.
 */
final class GoogleChatMapper implements ChatTranslator {
    private final ModelEndpoint address;

    /** @param address where a model's {@code generateContent} / {@code streamGenerateContent?alt=sse} is served */
    GoogleChatMapper(ModelEndpoint address) {
        this.address = address;
    }

    @Override
    public NativeRequest request(ChatRequest r, ProviderCall call) {
        JsonObjectBuilder body = Json.object().add("contents", contents(r.messages()));
        JsonArrayBuilder system = Json.array();
        boolean hasSystem = false;
        for (Message m : r.messages()) {
            if (m.role() == Role.SYSTEM) {
                system.add(Json.object().add("text", m.text()));
                hasSystem = true;
            }
        }
        if (hasSystem) {
            body.add("systemInstruction", Json.object().add("parts", system));
        }
        if (!r.tools().isEmpty()) {
            body.add("tools", Json.array().add(Json.object().add("functionDeclarations", functionDeclarations(r.tools()))));
        }
        if (r.toolChoice() != null) {
            JsonObjectBuilder config = Json.object();
            switch (r.toolChoice().mode()) {
                case AUTO -> config.add("mode", "AUTO");
                case NONE -> config.add("mode", "NONE");
                case REQUIRED -> config.add("mode", "ANY");
                case FUNCTION -> config.add("mode", "ANY")
                        .add("allowedFunctionNames", Json.array().add(r.toolChoice().functionName()));
            }
            body.add("toolConfig", Json.object().add("functionCallingConfig", config));
        }
        JsonObject generationConfig = generationConfig(r);
        if (!generationConfig.isEmpty()) {
            body.add("generationConfig", generationConfig);
        }
        return new NativeRequest(address.of(call, r.model(), r.stream()), body.build());
    }

    private static JsonArray contents(List<Message> messages) {
        JsonArrayBuilder out = Json.array();
        Map<String, String> functionByCallId = new HashMap<>();
        JsonArrayBuilder toolResponses = null;
        for (Message m : messages) {
            if (m.role() == Role.SYSTEM) {
                continue;
            }
            if (m.role() == Role.TOOL) {
                if (toolResponses == null) {
                    toolResponses = Json.array();
                }
                toolResponses.add(Json.object().add("functionResponse", Json.object()
                        .add("name", functionName(m, functionByCallId))
                        .add("response", ToolArguments.resultObject(m.text()))));
                continue;
            }
            if (toolResponses != null) {
                // All responses to one turn's calls go back together, in one user turn.
                out.add(Json.object().add("role", "user").add("parts", toolResponses));
                toolResponses = null;
            }
            JsonArrayBuilder parts = Json.array();
            for (ContentPart part : m.content()) {
                JsonObject p = part(part);
                if (p != null) {
                    parts.add(p);
                }
            }
            for (ToolCall call : m.toolCalls()) {
                functionByCallId.put(call.id(), call.name());
                parts.add(Json.object().add("functionCall", Json.object().add("name", call.name())
                        .add("args", ToolArguments.asObject(call))));
            }
            out.add(Json.object().add("role", m.role() == Role.ASSISTANT ? "model" : "user").add("parts", parts));
        }
        if (toolResponses != null) {
            out.add(Json.object().add("role", "user").add("parts", toolResponses));
        }
        return out.build();
    }

    private static String functionName(Message toolResult, Map<String, String> functionByCallId) {
        String name = functionByCallId.get(toolResult.toolCallId());
        if (name == null) {
            name = toolResult.name();
        }
        if (name == null) {
            throw GatewayException.badRequest("invalid_body", "Invalid request: the tool message for '" + toolResult.toolCallId()
                    + "' answers no earlier assistant tool call; Gemini needs the function name (send it as the message's name)");
        }
        return name;
    }

    private static JsonObject part(ContentPart part) {
        if (part instanceof TextPart t) {
            return t.text().isEmpty() ? null : Json.object().add("text", t.text()).build();
        }
        ImagePart image = (ImagePart) part;
        ImagePart.InlineImage inline = image.inline();
        if (inline != null) {
            return Json.object().add("inlineData", Json.object().add("mimeType", inline.mediaType()).add("data", inline.base64Data())).build();
        }
        String url = ToolArguments.fetchableUrl(image.url());
        return Json.object().add("fileData", Json.object().add("mimeType", imageType(url)).add("fileUri", url)).build();
    }

    /** Gemini wants a MIME type with a file URI; the URL's extension is the only hint there is. */
    static String imageType(String url) {
        String path = url.toLowerCase(Locale.ROOT);
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        if (path.endsWith(".png")) {
            return "image/png";
        }
        if (path.endsWith(".webp")) {
            return "image/webp";
        }
        if (path.endsWith(".gif")) {
            return "image/gif";
        }
        if (path.endsWith(".heic")) {
            return "image/heic";
        }
        return "image/jpeg";
    }

    private static JsonArray functionDeclarations(List<Tool> tools) {
        JsonArrayBuilder out = Json.array();
        for (Tool tool : tools) {
            JsonObjectBuilder f = Json.object().add("name", tool.name());
            Json.put(f, "description", tool.description());
            if (tool.parameters() != null) {
                f.add("parameters", GeminiSchema.clean(tool.parameters()));
            }
            out.add(f);
        }
        return out.build();
    }

    private static JsonObject generationConfig(ChatRequest r) {
        JsonObjectBuilder config = Json.object();
        Json.put(config, "temperature", r.temperature());
        Json.put(config, "topP", r.topP());
        Json.put(config, "topK", r.topK());
        Json.put(config, "maxOutputTokens", r.maxTokens());
        Json.put(config, "candidateCount", r.n());
        Json.put(config, "seed", r.seed());
        Json.put(config, "presencePenalty", r.presencePenalty());
        Json.put(config, "frequencyPenalty", r.frequencyPenalty());
        Json.put(config, "stopSequences", r.stop());
        ResponseFormat format = r.responseFormat();
        if (format != null && format.kind() != ResponseFormat.Kind.TEXT) {
            config.add("responseMimeType", "application/json");
            if (format.kind() == ResponseFormat.Kind.JSON_SCHEMA && format.schema() != null) {
                config.add("responseSchema", GeminiSchema.clean(format.schema()));
            }
        }
        return config.build();
    }

    @Override
    public ChatResponse response(JsonObject body, ChatRequest request) {
        String responseId = Json.string(body, "responseId");
        CallIds ids = new CallIds(responseId);
        List<Choice> choices = new ArrayList<>();
        JsonArray candidates = Json.array(body, "candidates");
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
                continue;
            }
            JsonObject candidate = candidates.getJsonObject(i);
            int index = Json.integer(candidate, "index", i);
            StringBuilder text = new StringBuilder();
            boolean sawText = false;
            List<ToolCall> calls = new ArrayList<>();
            for (JsonValue v : Json.array(Json.object(candidate, "content"), "parts")) {
                if (v.getValueType() != JsonValue.ValueType.OBJECT || Json.isTrue(v.asJsonObject(), "thought")) {
                    continue; // thought summaries are not part of an OpenAI answer
                }
                JsonObject part = v.asJsonObject();
                if (Json.string(part, "text") != null) {
                    text.append(Json.string(part, "text"));
                    sawText = true;
                }
                JsonObject functionCall = Json.object(part, "functionCall");
                if (functionCall != null) {
                    calls.add(toolCall(functionCall, ids.next(index)));
                }
            }
            String content = sawText ? text.toString() : null;
            choices.add(new Choice(index, content, calls, finishReason(Json.string(candidate, "finishReason"), !calls.isEmpty())));
        }
        if (choices.isEmpty()) {
            // The prompt itself was blocked (promptFeedback.blockReason): no candidates at all.
            FinishReason reason = Json.object(body, "promptFeedback") != null ? FinishReason.CONTENT_FILTER : FinishReason.STOP;
            choices.add(new Choice(0, null, List.of(), reason));
        }
        return new ChatResponse(responseId, Json.string(body, "modelVersion"), choices, usage(Json.object(body, "usageMetadata")));
    }

    @Override
    public StreamTranslator stream(ChatRequest request) {
        return new GoogleStreamMapper(new GoogleErrorMapper());
    }

    static ToolCall toolCall(JsonObject functionCall, String synthesisedId) {
        JsonObject args = Json.object(functionCall, "args");
        String id = Json.string(functionCall, "id");
        return new ToolCall(id != null ? id : synthesisedId, Json.string(functionCall, "name"),
                args == null ? "{}" : args.toString());
    }

    /** A call present means the turn ends in tool calls, whatever finish reason Gemini gives (it says STOP). */
    static FinishReason finishReason(String reason, boolean calledTools) {
        if (reason == null) {
            return calledTools ? FinishReason.TOOL_CALLS : null;
        }
        return switch (reason) {
            case "MAX_TOKENS" -> FinishReason.LENGTH;
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY" -> FinishReason.CONTENT_FILTER;
            default -> calledTools ? FinishReason.TOOL_CALLS : FinishReason.STOP;
        };
    }

    /** Completion tokens include thinking, as OpenAI's include reasoning; cached prompt tokens are reported apart. */
    static Usage usage(JsonObject usage) {
        if (usage == null) {
            return null;
        }
        int prompt = Json.integer(usage, "promptTokenCount", 0);
        Integer thoughts = Json.integer(usage, "thoughtsTokenCount");
        int completion = Json.integer(usage, "candidatesTokenCount", 0) + (thoughts == null ? 0 : thoughts);
        int total = Json.integer(usage, "totalTokenCount", prompt + completion);
        return new Usage(prompt, completion, total, Json.integer(usage, "cachedContentTokenCount"), thoughts);
    }

    /**
     * Ids for Gemini's id-less function calls: {@code call_<responseId>_<choice>_<n>}, the same for an
     * answer whether it came whole or streamed (a random stem when Gemini sent no response id).
     */
    static final class CallIds {
        private final String stem;
        private final Map<Integer, Integer> countByChoice = new HashMap<>();

        CallIds(String responseId) {
            this.stem = responseId != null && !responseId.isEmpty() ? responseId
                    : Ids.hex(16);
        }

        String next(int choice) {
            int n = countByChoice.merge(choice, 1, Integer::sum) - 1;
            return "call_" + stem + "_" + choice + "_" + n;
        }

        int count(int choice) {
            return countByChoice.getOrDefault(choice, 0);
        }
    }
}
