package io.gatehouse.guardrails;

import io.gatehouse.model.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where the text of a request or an answer sits in its JSON, whichever API wrote it: the client's request
 * (Chat Completions, completions, embeddings, Anthropic Messages, Responses) and a provider's answer (OpenAI,
 * Anthropic, Responses, Gemini, Cohere, Bedrock Converse). Checks read that text; mutators rewrite it in place,
 * leaving every other field as it was.
 *
 * <p>A path is a list of member names; {@code []} after a name walks every element of its array. The value
 * found is text when it is a string, or an array of strings or of parts with a {@code text} member.
 */
final class TextSlots {
    private static final List<String> REQUEST_PATHS = List.of(
            "messages[].content", "system", "prompt", "input", "input[].content", "instructions");
    private static final List<String> ANSWER_PATHS = List.of(
            "choices[].message.content", "choices[].text", "content", "output[].content", "output_text",
            "candidates[].content.parts", "message.content", "output.message.content");
    /** Text deltas of the stream events of the same APIs. */
    private static final List<String> DELTA_PATHS = List.of(
            "choices[].delta.content", "choices[].text", "delta.text", "candidates[].content.parts",
            "delta.message.content.text");

    private TextSlots() {
    }

    /**
     * The request's text as Portkey's checks see it: the last message (chat, messages), the prompt
     * (completions), or the input (embeddings, responses: its last item), parts joined by new lines.
     */
    static String requestText(JsonObject request) {
        if (request.get("messages") instanceof JsonArray messages && !messages.isEmpty()
                && messages.get(messages.size() - 1) instanceof JsonObject last) {
            return join(texts(last.get("content")));
        }
        if (request.containsKey("prompt")) {
            return join(texts(request.get("prompt")));
        }
        JsonValue input = request.get("input");
        if (input instanceof JsonArray items && !items.isEmpty() && items.get(items.size() - 1) instanceof JsonObject item) {
            return join(texts(item.containsKey("content") ? item.get("content") : item));
        }
        return join(texts(input));
    }

    /** Every text of the request: all messages, the system prompt, the prompt or input. */
    static List<String> requestTexts(JsonObject request) {
        return collect(request, REQUEST_PATHS);
    }

    /** The answer's text: every choice's or content block's text, joined by new lines. */
    static String answerText(JsonObject answer) {
        return join(collect(answer, ANSWER_PATHS));
    }

    static List<String> answerTexts(JsonObject answer) {
        return collect(answer, ANSWER_PATHS);
    }

    /**
     * The text a stream event adds. A Responses stream repeats its text in its closing events, so only its
     * {@code response.output_text.delta} events count.
     */
    static String deltaText(JsonObject event) {
        String type = Json.string(event, "type");
        if (type != null && type.startsWith("response.")) {
            return type.equals("response.output_text.delta") && event.get("delta") instanceof JsonString s ? s.getString() : "";
        }
        return String.join("", collect(event, DELTA_PATHS));
    }

    static JsonObject rewriteRequest(JsonObject request, UnaryOperator<String> rewrite) {
        return rewrite(request, REQUEST_PATHS, rewrite);
    }

    static JsonObject rewriteAnswer(JsonObject answer, UnaryOperator<String> rewrite) {
        return rewrite(answer, ANSWER_PATHS, rewrite);
    }

    private static String join(List<String> texts) {
        return String.join("\n", texts.stream().filter(t -> !t.isEmpty()).toList());
    }

    private static List<String> collect(JsonObject json, List<String> paths) {
        List<String> found = new ArrayList<>();
        for (String path : paths) {
            walk(json, path.split("\\."), 0, found);
        }
        return found;
    }

    private static void walk(JsonValue value, String[] path, int at, List<String> found) {
        if (at == path.length) {
            found.addAll(texts(value));
            return;
        }
        if (!(value instanceof JsonObject object)) {
            return;
        }
        boolean each = path[at].endsWith("[]");
        JsonValue member = object.get(each ? path[at].substring(0, path[at].length() - 2) : path[at]);
        if (member == null) {
            return;
        }
        if (!each) {
            walk(member, path, at + 1, found);
        } else if (member instanceof JsonArray array) {
            array.forEach(element -> walk(element, path, at + 1, found));
        }
    }

    /** Text at a path's end: a string, or an array of strings or of parts with a {@code text}. */
    private static List<String> texts(JsonValue value) {
        List<String> texts = new ArrayList<>();
        if (value instanceof JsonString s) {
            texts.add(s.getString());
        } else if (value instanceof JsonArray array) {
            for (JsonValue part : array) {
                if (part instanceof JsonString s) {
                    texts.add(s.getString());
                } else if (part instanceof JsonObject o && o.get("text") instanceof JsonString s) {
                    texts.add(s.getString());
                }
            }
        }
        return texts;
    }

    private static JsonObject rewrite(JsonObject json, List<String> paths, UnaryOperator<String> rewrite) {
        JsonObject result = json;
        for (String path : paths) {
            JsonValue rewritten = rewrite(result, path.split("\\."), 0, rewrite);
            result = rewritten.asJsonObject();
        }
        return result;
    }

    private static JsonValue rewrite(JsonValue value, String[] path, int at, UnaryOperator<String> rewrite) {
        if (at == path.length) {
            return rewriteText(value, rewrite);
        }
        if (!(value instanceof JsonObject object)) {
            return value;
        }
        boolean each = path[at].endsWith("[]");
        String name = each ? path[at].substring(0, path[at].length() - 2) : path[at];
        JsonValue member = object.get(name);
        if (member == null) {
            return value;
        }
        JsonValue replaced;
        if (!each) {
            replaced = rewrite(member, path, at + 1, rewrite);
        } else if (member instanceof JsonArray array) {
            JsonArrayBuilder elements = Json.array();
            array.forEach(element -> elements.add(rewrite(element, path, at + 1, rewrite)));
            replaced = elements.build();
        } else {
            return value;
        }
        if (replaced == member) {
            return value;
        }
        JsonObjectBuilder copy = Json.object();
        for (Map.Entry<String, JsonValue> e : object.entrySet()) {
            copy.add(e.getKey(), e.getKey().equals(name) ? replaced : e.getValue());
        }
        return copy.build();
    }

    private static JsonValue rewriteText(JsonValue value, UnaryOperator<String> rewrite) {
        if (value instanceof JsonString s) {
            return Json.PROVIDER.createValue(rewrite.apply(s.getString()));
        }
        if (!(value instanceof JsonArray array)) {
            return value;
        }
        JsonArrayBuilder parts = Json.array();
        for (JsonValue part : array) {
            if (part instanceof JsonString s) {
                parts.add(rewrite.apply(s.getString()));
            } else if (part instanceof JsonObject o && o.get("text") instanceof JsonString s) {
                parts.add(Json.PROVIDER.createObjectBuilder(o).add("text", rewrite.apply(s.getString())));
            } else {
                parts.add(part);
            }
        }
        return parts.build();
    }
}
