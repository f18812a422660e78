package io.gatehouse.model.openai;

import static io.gatehouse.model.openai.StrictFields.array;
import static io.gatehouse.model.openai.StrictFields.bool;
import static io.gatehouse.model.openai.StrictFields.element;
import static io.gatehouse.model.openai.StrictFields.integer;
import static io.gatehouse.model.openai.StrictFields.invalid;
import static io.gatehouse.model.openai.StrictFields.number;
import static io.gatehouse.model.openai.StrictFields.object;
import static io.gatehouse.model.openai.StrictFields.requiredString;
import static io.gatehouse.model.openai.StrictFields.string;
import static io.gatehouse.model.openai.StrictFields.toolChoiceKeyword;
import static io.gatehouse.model.openai.StrictFields.strings;
import static io.gatehouse.model.openai.StrictFields.unsupported;
import static io.gatehouse.model.openai.StrictFields.wholeNumber;

import io.gatehouse.model.ChatRequest;
import io.gatehouse.model.ContentPart;
import io.gatehouse.model.EmbeddingsRequest;
import io.gatehouse.model.ImagePart;
import io.gatehouse.model.Message;
import io.gatehouse.model.ResponseFormat;
import io.gatehouse.model.Role;
import io.gatehouse.model.TextPart;
import io.gatehouse.model.Tool;
import io.gatehouse.model.ToolCall;
import io.gatehouse.model.ToolChoice;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a client's OpenAI Chat Completions or Embeddings body into the canonical model: the ingress of
 * every translated provider. Fields the canonical model has no place for are not carried (the README lists
 * what is not mapped); fields of the wrong type are a 400 naming their path.
 */
public final class OpenAiRequests {
    private OpenAiRequests() {
    }

    public static ChatRequest chat(JsonObject body) {
        JsonArray messages = array(body, "messages", "");
        if (messages == null || messages.isEmpty()) {
            throw invalid("messages", "must be a non-empty array");
        }
        JsonObject streamOptions = object(body, "stream_options", "");
        Integer maxCompletion = integer(body, "max_completion_tokens", "");
        return new ChatRequest(
                requiredString(body, "model", ""),
                messages(messages),
                tools(array(body, "tools", "")),
                toolChoice(body.get("tool_choice")),
                bool(body, "parallel_tool_calls", ""),
                responseFormat(object(body, "response_format", "")),
                stop(body.get("stop")),
                maxCompletion != null ? maxCompletion : integer(body, "max_tokens", ""),
                number(body, "temperature", ""),
                number(body, "top_p", ""),
                integer(body, "top_k", ""),
                integer(body, "n", ""),
                wholeNumber(body, "seed", ""),
                number(body, "frequency_penalty", ""),
                number(body, "presence_penalty", ""),
                string(body, "user", ""),
                Boolean.TRUE.equals(bool(body, "stream", "")),
                streamOptions != null && Boolean.TRUE.equals(bool(streamOptions, "include_usage", "stream_options")));
    }

    public static EmbeddingsRequest embeddings(JsonObject body) {
        JsonValue input = body.get("input");
        List<String> inputs = new ArrayList<>();
        boolean single = input instanceof JsonString;
        if (single) {
            inputs.add(((JsonString) input).getString());
        } else if (input != null && input.getValueType() == JsonValue.ValueType.ARRAY && !input.asJsonArray().isEmpty()) {
            for (JsonValue v : input.asJsonArray()) {
                if (!(v instanceof JsonString s)) {
                    throw unsupported("input", "must be a string or an array of strings for this provider (token arrays are not supported)");
                }
                inputs.add(s.getString());
            }
        } else {
            throw invalid("input", "must be a string or a non-empty array of strings");
        }
        String format = string(body, "encoding_format", "");
        if (format != null && !format.equals("float") && !format.equals("base64")) {
            throw invalid("encoding_format", "must be float or base64");
        }
        return new EmbeddingsRequest(requiredString(body, "model", ""), inputs, single, format == null ? "float" : format,
                integer(body, "dimensions", ""), string(body, "user", ""), string(body, "input_type", ""));
    }

    private static List<Message> messages(JsonArray array) {
        List<Message> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            out.add(message(element(array, i, "messages"), "messages[" + i + "]"));
        }
        return out;
    }

    private static Message message(JsonObject m, String path) {
        String roleName = requiredString(m, "role", path);
        Role role = switch (roleName) {
            case "system", "developer" -> Role.SYSTEM;
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            case "tool" -> Role.TOOL;
            default -> throw unsupported(path + ".role", "'" + roleName + "' is not supported (use system, developer, user, assistant or tool)");
        };
        List<ToolCall> toolCalls = role == Role.ASSISTANT ? toolCalls(array(m, "tool_calls", path), path) : List.of();
        String toolCallId = role == Role.TOOL ? requiredString(m, "tool_call_id", path) : null;
        return new Message(role, content(m.get("content"), path + ".content"), toolCalls, toolCallId, string(m, "name", path));
    }

    private static List<ContentPart> content(JsonValue content, String path) {
        if (content == null || content.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (content instanceof JsonString s) {
            return List.of(new TextPart(s.getString()));
        }
        if (content.getValueType() != JsonValue.ValueType.ARRAY) {
            throw invalid(path, "must be a string or an array of content parts");
        }
        JsonArray parts = content.asJsonArray();
        List<ContentPart> out = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            String partPath = path + "[" + i + "]";
            JsonObject part = element(parts, i, path);
            String type = requiredString(part, "type", partPath);
            switch (type) {
                case "text" -> out.add(new TextPart(requiredString(part, "text", partPath)));
                case "image_url" -> out.add(image(part.get("image_url"), partPath + ".image_url"));
                default -> throw unsupported(partPath + ".type", "'" + type + "' is not supported for this provider (text and image_url are)");
            }
        }
        return out;
    }

    private static ImagePart image(JsonValue value, String path) {
        if (value instanceof JsonString s) {
            return new ImagePart(s.getString(), null);
        }
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw invalid(path, "must be an object with a url");
        }
        JsonObject o = value.asJsonObject();
        return new ImagePart(requiredString(o, "url", path), string(o, "detail", path));
    }

    private static List<ToolCall> toolCalls(JsonArray array, String path) {
        if (array == null) {
            return List.of();
        }
        List<ToolCall> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String callPath = path + ".tool_calls[" + i + "]";
            JsonObject call = element(array, i, path + ".tool_calls");
            JsonObject function = object(call, "function", callPath);
            if (function == null) {
                throw invalid(callPath + ".function", "is required");
            }
            String arguments = string(function, "arguments", callPath + ".function");
            out.add(new ToolCall(requiredString(call, "id", callPath), requiredString(function, "name", callPath + ".function"),
                    arguments == null || arguments.isBlank() ? "{}" : arguments));
        }
        return out;
    }

    private static List<Tool> tools(JsonArray array) {
        if (array == null) {
            return List.of();
        }
        List<Tool> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String path = "tools[" + i + "]";
            JsonObject tool = element(array, i, "tools");
            String type = string(tool, "type", path);
            if (type != null && !type.equals("function")) {
                throw unsupported(path + ".type", "'" + type + "' is not supported (only function tools are)");
            }
            JsonObject function = object(tool, "function", path);
            if (function == null) {
                throw invalid(path + ".function", "is required");
            }
            String fpath = path + ".function";
            out.add(new Tool(requiredString(function, "name", fpath), string(function, "description", fpath),
                    object(function, "parameters", fpath), bool(function, "strict", fpath)));
        }
        return out;
    }

    private static ToolChoice toolChoice(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString keyword) {
            return toolChoiceKeyword(keyword);
        }
        if (value.getValueType() == JsonValue.ValueType.OBJECT) {
            JsonObject function = object(value.asJsonObject(), "function", "tool_choice");
            if (function != null) {
                return ToolChoice.function(requiredString(function, "name", "tool_choice.function"));
            }
        }
        throw invalid("tool_choice", "must be auto, none, required or {\"type\":\"function\",\"function\":{\"name\":…}}");
    }

    private static ResponseFormat responseFormat(JsonObject format) {
        if (format == null) {
            return null;
        }
        String type = requiredString(format, "type", "response_format");
        return switch (type) {
            case "text" -> new ResponseFormat(ResponseFormat.Kind.TEXT, null, null, null);
            case "json_object" -> new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, null);
            case "json_schema" -> {
                JsonObject schema = object(format, "json_schema", "response_format");
                if (schema == null) {
                    throw invalid("response_format.json_schema", "is required for type json_schema");
                }
                String path = "response_format.json_schema";
                yield new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, string(schema, "name", path),
                        object(schema, "schema", path), bool(schema, "strict", path));
            }
            default -> throw invalid("response_format.type", "must be text, json_object or json_schema");
        };
    }

    private static List<String> stop(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (value instanceof JsonString s) {
            return List.of(s.getString());
        }
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            return strings(value.asJsonArray(), "stop", "must be a string or an array of strings");
        }
        throw invalid("stop", "must be a string or an array of strings");
    }
}
