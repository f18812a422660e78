package io.gatehouse.cache;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * A client request split for semantic mode, in any of the unified formats (Chat Completions
 * {@code messages}, Anthropic Messages {@code messages} + {@code system}, Responses {@code input} +
 * {@code instructions}, completions {@code prompt}):
 *
 * @param promptText the conversation's own text, {@code role: text} per turn, normalised (lower case,
 *                   punctuation and extra spaces removed: "What is X?" and "what is x" are one prompt)
 * @param exactPart  everything else, which must match exactly: the body without the conversation's text,
 *                   keeping system and developer turns, and any non-text part (an image) of every turn
 */
record PromptParts(String promptText, JsonObject exactPart) {
    private static final Set<String> CONVERSATION_MEMBERS = Set.of("messages", "input", "prompt");
    private static final Set<String> SYSTEM_ROLES = Set.of("system", "developer");

    static PromptParts of(JsonObject body) {
        StringBuilder text = new StringBuilder();
        JsonObjectBuilder exact = Json.createObjectBuilder(body);
        for (String member : CONVERSATION_MEMBERS) {
            JsonValue value = body.get(member);
            if (value != null) {
                exact.add(member, conversation(value, text));
            }
        }
        return new PromptParts(normalise(text.toString()), exact.build());
    }

    /** Appends the conversation's text to {@code text}; returns what is left of it for the exact part. */
    private static JsonValue conversation(JsonValue value, StringBuilder text) {
        if (value instanceof JsonString s) {
            text.append(s.getString()).append('\n');
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        if (!(value instanceof JsonArray turns)) {
            return value;
        }
        JsonArrayBuilder rest = Json.createArrayBuilder();
        for (JsonValue turn : turns) {
            if (turn instanceof JsonString s) {
                text.append(s.getString()).append('\n');
            } else if (turn instanceof JsonObject o && !SYSTEM_ROLES.contains(o.getString("role", ""))) {
                rest.add(turn(o, text));
            } else {
                rest.add(turn);
            }
        }
        return rest.build();
    }

    /** One turn: its text goes to the prompt, the rest (role, images, tool calls) stays exact. */
    private static JsonObject turn(JsonObject turn, StringBuilder text) {
        text.append(turn.getString("role", "")).append(": ");
        JsonObjectBuilder rest = Json.createObjectBuilder(turn);
        JsonValue content = turn.get("content");
        if (content instanceof JsonString s) {
            text.append(s.getString());
            rest.remove("content");
        } else if (content instanceof JsonArray parts) {
            JsonArrayBuilder other = Json.createArrayBuilder();
            for (JsonValue part : parts) {
                if (part instanceof JsonObject p && p.get("text") instanceof JsonString t) {
                    text.append(t.getString()).append(' ');
                    other.add(Json.createObjectBuilder(p).remove("text"));
                } else {
                    other.add(part);
                }
            }
            rest.add("content", other);
        }
        text.append('\n');
        return rest.build();
    }

    static String normalise(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return folded.replaceAll("[\\p{Punct}&&[^:'-]]", " ").replaceAll("\\s+", " ").strip();
    }
}
