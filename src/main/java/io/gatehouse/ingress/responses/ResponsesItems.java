package io.gatehouse.ingress.responses;

import static io.gatehouse.model.openai.StrictFields.element;
import static io.gatehouse.model.openai.StrictFields.invalid;
import static io.gatehouse.model.openai.StrictFields.requiredString;
import static io.gatehouse.model.openai.StrictFields.string;
import static io.gatehouse.model.openai.StrictFields.unsupported;

import io.gatehouse.model.ContentPart;
import io.gatehouse.model.ImagePart;
import io.gatehouse.model.Json;
import io.gatehouse.model.Message;
import io.gatehouse.model.Role;
import io.gatehouse.model.TextPart;
import io.gatehouse.model.ToolCall;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Responses API items — the {@code input} of a request, the {@code output} of a response — as canonical
 * messages: {@code message} items (user, system, developer, assistant; text and image parts),
 * {@code function_call} items as the assistant's tool calls (consecutive ones, and the assistant message
 * before them, make one assistant turn), {@code function_call_output} items as tool messages. Reasoning
 * items are left out. Input items are also normalised for storage: every one gets an id.
 */
final class ResponsesItems {
    /** Item types a conversation may carry that no other provider can take: dropped, not refused. */
    private static final Set<String> DROPPED = Set.of("reasoning");

    private ResponsesItems() {
    }

    /** A request's {@code input}: a string is one user message; an array, its items, each given an id. */
    static JsonArray normalise(JsonValue input) {
        if (input instanceof JsonString s) {
            return Json.array().add(Json.object().add("id", ResponsesIds.message()).add("type", "message").add("role", "user")
                    .add("content", Json.array().add(Json.object().add("type", "input_text").add("text", s.getString())))).build();
        }
        if (input == null || input.getValueType() != JsonValue.ValueType.ARRAY) {
            throw invalid("input", "must be a string or an array of input items");
        }
        JsonArray items = input.asJsonArray();
        JsonArrayBuilder out = Json.array();
        for (int i = 0; i < items.size(); i++) {
            JsonObject item = element(items, i, "input");
            String path = "input[" + i + "]";
            String type = itemType(item, path);
            JsonObjectBuilder normalised = Json.PROVIDER.createObjectBuilder(item).add("type", type);
            if (string(item, "id", path) == null) {
                normalised.add("id", switch (type) {
                    case "function_call" -> ResponsesIds.functionCall();
                    case "function_call_output" -> ResponsesIds.functionCallOutput();
                    default -> ResponsesIds.message();
                });
            }
            if (type.equals("message") && item.get("content") instanceof JsonString s) {
                String partType = "assistant".equals(string(item, "role", path)) ? "output_text" : "input_text";
                normalised.add("content", Json.array().add(Json.object().add("type", partType).add("text", s.getString())));
            }
            out.add(normalised);
        }
        return out.build();
    }

    /** Items in conversation order as canonical messages (each item checked, its path named in a 400). */
    static List<Message> messages(List<JsonObject> items, String path) {
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonObject item = items.get(i);
            String itemPath = path + "[" + i + "]";
            switch (itemType(item, itemPath)) {
                case "message" -> out.add(message(item, itemPath));
                case "function_call" -> addToolCall(out, new ToolCall(requiredString(item, "call_id", itemPath),
                        requiredString(item, "name", itemPath), arguments(item, itemPath)));
                case "function_call_output" -> out.add(new Message(Role.TOOL, output(item.get("output"), itemPath + ".output"),
                        List.of(), requiredString(item, "call_id", itemPath), null));
                default -> { } // reasoning
            }
        }
        return out;
    }

    /** An item's type: {@code message} when it has only a role (the "easy" input message). */
    private static String itemType(JsonObject item, String path) {
        String type = string(item, "type", path);
        if (type == null) {
            if (string(item, "role", path) == null) {
                throw invalid(path, "needs a type or a role");
            }
            return "message";
        }
        return switch (type) {
            case "message", "function_call", "function_call_output" -> type;
            default -> {
                if (DROPPED.contains(type)) {
                    yield type;
                }
                throw unsupported(path + ".type", "'" + type + "' cannot be sent to this provider (message, function_call and function_call_output items can)");
            }
        };
    }

    private static Message message(JsonObject item, String path) {
        String roleName = requiredString(item, "role", path);
        Role role = switch (roleName) {
            case "user" -> Role.USER;
            case "system", "developer" -> Role.SYSTEM;
            case "assistant" -> Role.ASSISTANT;
            default -> throw invalid(path + ".role", "must be user, system, developer or assistant");
        };
        return new Message(role, parts(item.get("content"), path + ".content"), List.of(), null, null);
    }

    /** Content: a string, or {@code input_text}/{@code output_text}/{@code input_image} parts. */
    private static List<ContentPart> parts(JsonValue content, String path) {
        if (content instanceof JsonString s) {
            return List.of(new TextPart(s.getString()));
        }
        if (content == null || content.getValueType() != JsonValue.ValueType.ARRAY) {
            throw invalid(path, "must be a string or an array of content parts");
        }
        JsonArray parts = content.asJsonArray();
        List<ContentPart> out = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            String partPath = path + "[" + i + "]";
            JsonObject part = element(parts, i, path);
            String type = requiredString(part, "type", partPath);
            switch (type) {
                case "input_text", "output_text", "text" -> out.add(new TextPart(requiredText(part, partPath)));
                case "refusal" -> out.add(new TextPart(requiredString(part, "refusal", partPath)));
                case "input_image" -> {
                    String url = string(part, "image_url", partPath);
                    if (url == null) {
                        throw unsupported(partPath, "images by file_id cannot be sent to this provider (image_url can)");
                    }
                    out.add(new ImagePart(url, string(part, "detail", partPath)));
                }
                default -> throw unsupported(partPath + ".type", "'" + type + "' cannot be sent to this provider (input_text and input_image can)");
            }
        }
        return out;
    }

    /** A function call's output: a string, or text and image parts. */
    private static List<ContentPart> output(JsonValue output, String path) {
        if (output == null || output.getValueType() == JsonValue.ValueType.NULL) {
            throw invalid(path, "is required");
        }
        return parts(output, path);
    }

    private static String arguments(JsonObject item, String path) {
        String arguments = string(item, "arguments", path);
        return arguments == null || arguments.isBlank() ? "{}" : arguments;
    }

    /** A function call joins the assistant turn just before it, or starts one. */
    private static void addToolCall(List<Message> messages, ToolCall call) {
        Message last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        if (last != null && last.role() == Role.ASSISTANT) {
            List<ToolCall> calls = new ArrayList<>(last.toolCalls());
            calls.add(call);
            messages.set(messages.size() - 1, new Message(Role.ASSISTANT, last.content(), calls, null, null));
        } else {
            messages.add(new Message(Role.ASSISTANT, List.of(), List.of(call), null, null));
        }
    }

    private static String requiredText(JsonObject part, String path) {
        String text = string(part, "text", path);
        if (text == null) {
            throw invalid(path + ".text", "is required");
        }
        return text;
    }

    /** Items for an OpenAI request: ids and statuses of gateway-made items dropped (OpenAI would look them up). */
    static JsonArray forNativeInput(List<JsonObject> items) {
        JsonArrayBuilder out = Json.array();
        for (JsonObject item : items) {
            JsonObjectBuilder copy = Json.PROVIDER.createObjectBuilder(item).remove("id").remove("status");
            if ("message".equals(item.getString("type", "message")) && "assistant".equals(item.getString("role", ""))) {
                // An assistant message with an id would be read as an output item OpenAI must know; as text it is history.
                copy = Json.object().add("role", "assistant").add("content", message(item, "input").text());
            }
            out.add(copy);
        }
        return out.build();
    }
}
