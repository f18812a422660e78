package io.gatehouse.ingress.responses;

import static io.gatehouse.model.openai.StrictFields.absent;
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
import static io.gatehouse.model.openai.StrictFields.unsupported;

import io.gatehouse.model.ChatRequest;
import io.gatehouse.model.Json;
import io.gatehouse.model.Message;
import io.gatehouse.model.ResponseFormat;
import io.gatehouse.model.Role;
import io.gatehouse.model.TextPart;
import io.gatehouse.model.Tool;
import io.gatehouse.model.ToolChoice;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Responses API request into the canonical model, for providers that do not speak it: the stored
 * conversation ({@code previous_response_id}) then {@code instructions} as a system message then this
 * turn's {@code input}; function tools, {@code tool_choice}, {@code parallel_tool_calls},
 * {@code text.format} (json_schema, json_object), {@code max_output_tokens}, {@code temperature},
 * {@code top_p}, {@code user}, {@code stream}; {@code store} (default true). Hosted tools, background mode,
 * conversations and prompt templates are refused with a 400 (no other provider has them).
 */
final class ResponsesRequests {
    /** Request fields a {@code response} object repeats back as they were sent. */
    private static final List<String> ECHOED = List.of("instructions", "max_output_tokens", "parallel_tool_calls",
            "temperature", "top_p", "tools", "tool_choice", "text", "metadata", "user");

    private ResponsesRequests() {
    }

    static ResponsesRequest read(JsonObject body, ResponseStore.Shelf store) {
        refuseUnsupported(body);
        String model = requiredString(body, "model", "");
        JsonArray input = ResponsesItems.normalise(body.get("input"));
        String previous = string(body, "previous_response_id", "");
        String instructions = string(body, "instructions", "");
        List<Message> messages = new ArrayList<>();
        if (previous != null) {
            messages.addAll(ResponsesItems.messages(store.conversation(previous), "previous_response_id"));
        }
        if (instructions != null) {
            messages.add(new Message(Role.SYSTEM, List.of(new TextPart(instructions)), List.of(), null, null));
        }
        List<Message> turn = ResponsesItems.messages(input.getValuesAs(JsonObject.class), "input");
        if (turn.isEmpty()) {
            throw invalid("input", "must contain at least one message or function call output");
        }
        messages.addAll(turn);
        JsonObject text = object(body, "text", "");
        ChatRequest chat = new ChatRequest(
                model,
                messages,
                tools(array(body, "tools", "")),
                toolChoice(body.get("tool_choice")),
                bool(body, "parallel_tool_calls", ""),
                format(text == null ? null : object(text, "format", "text")),
                List.of(),
                integer(body, "max_output_tokens", ""),
                number(body, "temperature", ""),
                number(body, "top_p", ""),
                null, null, null, null, null,
                string(body, "user", ""),
                Boolean.TRUE.equals(bool(body, "stream", "")),
                true); // a response always reports its usage
        return new ResponsesRequest(chat, input, previous, !Boolean.FALSE.equals(bool(body, "store", "")), echo(body));
    }

    private static void refuseUnsupported(JsonObject body) {
        if (Boolean.TRUE.equals(bool(body, "background", ""))) {
            throw unsupported("background", "mode is not available for this provider");
        }
        for (String field : List.of("conversation", "prompt")) {
            if (!absent(body, field)) {
                throw unsupported(field, "is not available for this provider (use previous_response_id and input)");
            }
        }
    }

    private static JsonObject echo(JsonObject body) {
        JsonObjectBuilder echo = Json.object();
        for (String field : ECHOED) {
            if (!absent(body, field)) {
                echo.add(field, body.get(field));
            }
        }
        return echo.build();
    }

    private static List<Tool> tools(JsonArray array) {
        if (array == null) {
            return List.of();
        }
        List<Tool> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String path = "tools[" + i + "]";
            JsonObject tool = element(array, i, "tools");
            String type = requiredString(tool, "type", path);
            if (!type.equals("function")) {
                throw unsupported(path + ".type", "'" + type + "' is a hosted tool; only function tools can be sent to this provider");
            }
            out.add(new Tool(requiredString(tool, "name", path), string(tool, "description", path),
                    object(tool, "parameters", path), bool(tool, "strict", path)));
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
        if (value.getValueType() == JsonValue.ValueType.OBJECT && "function".equals(string(value.asJsonObject(), "type", "tool_choice"))) {
            return ToolChoice.function(requiredString(value.asJsonObject(), "name", "tool_choice"));
        }
        throw unsupported("tool_choice", "must be auto, none, required or {\"type\":\"function\",\"name\":…} for this provider");
    }

    private static ResponseFormat format(JsonObject format) {
        if (format == null) {
            return null;
        }
        String type = requiredString(format, "type", "text.format");
        return switch (type) {
            case "text" -> null;
            case "json_object" -> new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, null);
            case "json_schema" -> new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, string(format, "name", "text.format"),
                    object(format, "schema", "text.format"), bool(format, "strict", "text.format"));
            default -> throw invalid("text.format.type", "must be text, json_object or json_schema");
        };
    }
}
