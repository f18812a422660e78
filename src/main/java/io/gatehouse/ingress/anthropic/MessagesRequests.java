package io.gatehouse.ingress.anthropic;

import static io.gatehouse.model.openai.StrictFields.array;
import static io.gatehouse.model.openai.StrictFields.bool;
import static io.gatehouse.model.openai.StrictFields.element;
import static io.gatehouse.model.openai.StrictFields.integer;
import static io.gatehouse.model.openai.StrictFields.invalid;
import static io.gatehouse.model.openai.StrictFields.number;
import static io.gatehouse.model.openai.StrictFields.object;
import static io.gatehouse.model.openai.StrictFields.requiredString;
import static io.gatehouse.model.openai.StrictFields.string;
import static io.gatehouse.model.openai.StrictFields.strings;
import static io.gatehouse.model.openai.StrictFields.unsupported;

import io.gatehouse.model.ChatRequest;
import io.gatehouse.model.ContentPart;
import io.gatehouse.model.ImagePart;
import io.gatehouse.model.Message;
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
import java.util.Set;

/**
 * Reads an Anthropic Messages request into the canonical model, for providers that do not speak it:
 * {@code system} (a string or text blocks) as system messages; {@code text} and {@code image} blocks as
 * content; an assistant's {@code tool_use} blocks as tool calls (ids and inputs kept); a user turn's
 * {@code tool_result} blocks as tool messages, before the rest of the turn; custom tools, {@code tool_choice}
 * ({@code disable_parallel_tool_use} included), {@code stop_sequences}, sampling, {@code max_tokens},
 * {@code metadata.user_id} and {@code stream}. Thinking blocks of earlier turns are left out (no other
 * provider can take them); documents and Anthropic's server tools are refused with a 400.
 */
public final class MessagesRequests {
    /** Blocks an earlier assistant turn may carry that only Anthropic understands: dropped, not refused. */
    private static final Set<String> ANTHROPIC_ONLY_BLOCKS = Set.of("thinking", "redacted_thinking");

    private MessagesRequests() {
    }

    public static ChatRequest chat(JsonObject body) {
        JsonArray turns = array(body, "messages", "");
        if (turns == null || turns.isEmpty()) {
            throw invalid("messages", "must be a non-empty array");
        }
        List<Message> messages = new ArrayList<>(system(body.get("system")));
        for (int i = 0; i < turns.size(); i++) {
            messages.addAll(turn(element(turns, i, "messages"), "messages[" + i + "]"));
        }
        JsonObject toolChoice = object(body, "tool_choice", "");
        JsonObject metadata = object(body, "metadata", "");
        return new ChatRequest(
                requiredString(body, "model", ""),
                messages,
                tools(array(body, "tools", "")),
                toolChoice(toolChoice),
                toolChoice != null && Boolean.TRUE.equals(bool(toolChoice, "disable_parallel_tool_use", "tool_choice")) ? false : null,
                null,
                stopSequences(array(body, "stop_sequences", "")),
                integer(body, "max_tokens", ""),
                number(body, "temperature", ""),
                number(body, "top_p", ""),
                integer(body, "top_k", ""),
                null, null, null, null,
                metadata == null ? null : string(metadata, "user_id", "metadata"),
                Boolean.TRUE.equals(bool(body, "stream", "")),
                true); // the Messages API always reports usage
    }

    private static List<Message> system(JsonValue system) {
        if (system == null || system.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (system instanceof JsonString s) {
            return List.of(message(Role.SYSTEM, List.of(new TextPart(s.getString()))));
        }
        if (system.getValueType() != JsonValue.ValueType.ARRAY) {
            throw invalid("system", "must be a string or an array of text blocks");
        }
        List<Message> out = new ArrayList<>();
        JsonArray blocks = system.asJsonArray();
        for (int i = 0; i < blocks.size(); i++) {
            JsonObject block = element(blocks, i, "system");
            String path = "system[" + i + "]";
            if (!"text".equals(requiredString(block, "type", path))) {
                throw invalid(path + ".type", "must be text");
            }
            out.add(message(Role.SYSTEM, List.of(new TextPart(requiredText(block, path)))));
        }
        return out;
    }

    /** One Messages turn: a user turn's tool results become tool messages first, then the rest of the turn. */
    private static List<Message> turn(JsonObject m, String path) {
        String roleName = requiredString(m, "role", path);
        Role role = switch (roleName) {
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            default -> throw invalid(path + ".role", "must be user or assistant");
        };
        JsonValue content = m.get("content");
        if (content instanceof JsonString s) {
            return List.of(message(role, List.of(new TextPart(s.getString()))));
        }
        if (content == null || content.getValueType() != JsonValue.ValueType.ARRAY) {
            throw invalid(path + ".content", "must be a string or an array of content blocks");
        }
        List<ContentPart> parts = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        List<Message> out = new ArrayList<>();
        JsonArray blocks = content.asJsonArray();
        for (int i = 0; i < blocks.size(); i++) {
            String blockPath = path + ".content[" + i + "]";
            JsonObject block = element(blocks, i, path + ".content");
            String type = requiredString(block, "type", blockPath);
            switch (type) {
                case "text" -> parts.add(new TextPart(requiredText(block, blockPath)));
                case "image" -> parts.add(image(block, blockPath));
                case "tool_use" -> {
                    requireRole(role, Role.ASSISTANT, blockPath);
                    JsonObject input = object(block, "input", blockPath);
                    calls.add(new ToolCall(requiredString(block, "id", blockPath), requiredString(block, "name", blockPath),
                            input == null ? "{}" : input.toString()));
                }
                case "tool_result" -> {
                    requireRole(role, Role.USER, blockPath);
                    out.add(new Message(Role.TOOL, toolResultContent(block.get("content"), blockPath + ".content"), List.of(),
                            requiredString(block, "tool_use_id", blockPath), null));
                }
                default -> {
                    if (!ANTHROPIC_ONLY_BLOCKS.contains(type)) {
                        throw unsupported(blockPath + ".type", "'" + type + "' cannot be sent to this provider (text, image, tool_use and tool_result can)");
                    }
                }
            }
        }
        if (!parts.isEmpty() || !calls.isEmpty()) {
            out.add(new Message(role, parts, calls, null, null));
        }
        return out;
    }

    private static List<ContentPart> toolResultContent(JsonValue content, String path) {
        if (content == null || content.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (content instanceof JsonString s) {
            return List.of(new TextPart(s.getString()));
        }
        if (content.getValueType() != JsonValue.ValueType.ARRAY) {
            throw invalid(path, "must be a string or an array of content blocks");
        }
        List<ContentPart> parts = new ArrayList<>();
        JsonArray blocks = content.asJsonArray();
        for (int i = 0; i < blocks.size(); i++) {
            String blockPath = path + "[" + i + "]";
            JsonObject block = element(blocks, i, path);
            String type = requiredString(block, "type", blockPath);
            switch (type) {
                case "text" -> parts.add(new TextPart(requiredText(block, blockPath)));
                case "image" -> parts.add(image(block, blockPath));
                default -> throw unsupported(blockPath + ".type", "'" + type + "' cannot be sent to this provider in a tool result (text and image can)");
            }
        }
        return parts;
    }

    /** A base64 source becomes a data URL, a url source stays a URL. */
    private static ImagePart image(JsonObject block, String path) {
        JsonObject source = object(block, "source", path);
        if (source == null) {
            throw invalid(path + ".source", "is required");
        }
        String sourcePath = path + ".source";
        String type = requiredString(source, "type", sourcePath);
        return switch (type) {
            case "base64" -> new ImagePart("data:" + requiredString(source, "media_type", sourcePath) + ";base64,"
                    + requiredString(source, "data", sourcePath), null);
            case "url" -> new ImagePart(requiredString(source, "url", sourcePath), null);
            default -> throw unsupported(sourcePath + ".type", "'" + type + "' cannot be sent to this provider (base64 and url can)");
        };
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
            if (type != null && !type.equals("custom")) {
                throw unsupported(path + ".type", "'" + type + "' is an Anthropic server tool; only custom tools can be sent to this provider");
            }
            out.add(new Tool(requiredString(tool, "name", path), string(tool, "description", path),
                    object(tool, "input_schema", path), null));
        }
        return out;
    }

    private static ToolChoice toolChoice(JsonObject choice) {
        if (choice == null) {
            return null;
        }
        String type = requiredString(choice, "type", "tool_choice");
        return switch (type) {
            case "auto" -> ToolChoice.of(ToolChoice.Mode.AUTO);
            case "any" -> ToolChoice.of(ToolChoice.Mode.REQUIRED);
            case "none" -> ToolChoice.of(ToolChoice.Mode.NONE);
            case "tool" -> ToolChoice.function(requiredString(choice, "name", "tool_choice"));
            default -> throw invalid("tool_choice.type", "must be auto, any, tool or none");
        };
    }

    private static List<String> stopSequences(JsonArray array) {
        return array == null ? List.of() : strings(array, "stop_sequences", "must be an array of strings");
    }

    private static String requiredText(JsonObject block, String path) {
        String text = string(block, "text", path);
        if (text == null) {
            throw invalid(path + ".text", "is required");
        }
        return text;
    }

    private static void requireRole(Role actual, Role expected, String path) {
        if (actual != expected) {
            throw invalid(path, "is only allowed in " + expected.name().toLowerCase(java.util.Locale.ROOT) + " turns");
        }
    }

    private static Message message(Role role, List<ContentPart> content) {
        return new Message(role, content, List.of(), null, null);
    }
}
