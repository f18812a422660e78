package io.gatehouse.provider;

import io.gatehouse.model.ChatStreamSink;
import io.gatehouse.model.Json;
import io.gatehouse.model.ProviderError;
import io.gatehouse.upstream.SseEvent;
import jakarta.json.JsonObject;
import java.io.IOException;

/** Reading a provider's stream event, as every stream mapper starts. */
public final class NativeEvents {
    private NativeEvents() {
    }

    /**
     * The event's JSON object, or null when there is nothing to map: no data (keep-alives), or data that is
     * not a JSON object, which is reported to the client as the provider's error (and ends the stream).
     */
    public static JsonObject read(SseEvent event, ChatStreamSink out) throws IOException {
        if (event.data().isEmpty()) {
            return null;
        }
        JsonObject data = Json.parseObjectOrNull(event.data());
        if (data == null) {
            out.fail(new ProviderError("unreadable stream event", "api_error", null, null));
        }
        return data;
    }

    /** The event's type: its JSON {@code type}, else its SSE {@code event:} name, else "". */
    public static String type(SseEvent event, JsonObject data) {
        String type = Json.string(data, "type");
        if (type == null) {
            type = event.event();
        }
        return type == null ? "" : type;
    }
}
