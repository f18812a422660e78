package io.gatehouse.usage;

import io.gatehouse.upstream.SseEvent;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads the usage a stream event carries as it is relayed: OpenAI's final usage chunk, Anthropic's
 * {@code message_start}/{@code message_delta}, the Responses API's {@code response.completed}, Gemini's
 * {@code usageMetadata}. Only events that mention usage are parsed, so content chunks cost one byte scan.
 */
public final class EventUsage {
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final byte[] USAGE = "sage".getBytes(StandardCharsets.US_ASCII); // "usage", "usageMetadata"

    private EventUsage() {
    }

    /**
     * Reports the event's usage and model to {@code tap}.
     *
     * @return whether the event is OpenAI's usage-only chunk ({@code "choices": []} with a usage): the one the
     *         gateway asked for on the client's behalf, dropped when the client did not ask for it
     */
    public static boolean observe(byte[] buffer, int offset, int length, UsageTap tap) {
        if (!mentionsUsageObject(buffer, offset, length)) {
            return false;
        }
        String data = SseEvent.parse(buffer, offset, length).data();
        if (!data.startsWith("{")) {
            return false;
        }
        JsonObject event;
        try (var reader = JSON.createReader(new StringReader(data))) {
            event = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            return false;
        }
        var usage = UsageJson.find(event);
        if (usage == null) {
            return false;
        }
        tap.report(usage);
        if (event.get("model") instanceof JsonString model) {
            tap.reportModel(model.getString());
        }
        return event.get("choices") instanceof JsonArray choices && choices.isEmpty();
    }

    /** Reports what a whole JSON answer's {@code usage} and {@code model} members say, as captured raw. */
    public static void observeAnswer(TopLevelMembers members, UsageTap tap) {
        String usage = members.captured().get("usage");
        if (usage != null && usage.startsWith("{")) {
            try (var reader = JSON.createReader(new StringReader("{\"usage\":" + usage + "}"))) {
                var found = UsageJson.find(reader.readObject());
                if (found != null) {
                    tap.report(found);
                }
            } catch (JsonException | IllegalStateException e) {
                // not usage after all: nothing to report
            }
        }
        String model = members.captured().get("model");
        if (model != null && model.startsWith("\"")) {
            try (var reader = JSON.createReader(new StringReader("[" + model + "]"))) {
                JsonValue value = reader.readArray().get(0);
                if (value instanceof JsonString s) {
                    tap.reportModel(s.getString());
                }
            } catch (JsonException | IllegalStateException e) {
                // not a model name
            }
        }
    }

    /**
     * Whether a member ending in {@code sage"} ({@code usage}, {@code usageMetadata}) has an object value:
     * OpenAI repeats {@code "usage":null} on every chunk of a stream that asked for usage, and those chunks
     * need no parsing.
     */
    private static boolean mentionsUsageObject(byte[] buffer, int offset, int length) {
        int end = offset + length;
        outer:
        for (int i = offset; i <= end - USAGE.length - 1; i++) {
            for (int j = 0; j < USAGE.length; j++) {
                if (buffer[i + j] != USAGE[j]) {
                    continue outer;
                }
            }
            int k = i + USAGE.length;
            if (k < end && buffer[k] == 'M') { // usageMetadata
                k += "Metadata".length();
            }
            if (k >= end || buffer[k] != '"') {
                continue;
            }
            k = skipSpaces(buffer, k + 1, end);
            if (k < end && buffer[k] == ':') {
                k = skipSpaces(buffer, k + 1, end);
                if (k < end && buffer[k] == '{') {
                    return true;
                }
            }
        }
        return false;
    }

    private static int skipSpaces(byte[] buffer, int i, int end) {
        while (i < end && (buffer[i] == ' ' || buffer[i] == '\t')) {
            i++;
        }
        return i;
    }
}
