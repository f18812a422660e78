package io.gatehouse.model;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.Map;

/** Deep merge for {@code override_params}: objects merge key by key, anything else is replaced. */
public final class JsonMerge {
    private static final JsonProvider JSON = JsonProvider.provider();

    private JsonMerge() {
    }

    public static JsonObject deepMerge(JsonObject base, JsonObject override) {
        JsonObjectBuilder out = JSON.createObjectBuilder(base);
        for (Map.Entry<String, JsonValue> e : override.entrySet()) {
            JsonValue current = base.get(e.getKey());
            JsonValue next = e.getValue();
            if (current != null && current.getValueType() == JsonValue.ValueType.OBJECT
                    && next.getValueType() == JsonValue.ValueType.OBJECT) {
                out.add(e.getKey(), deepMerge(current.asJsonObject(), next.asJsonObject()));
            } else {
                out.add(e.getKey(), next);
            }
        }
        return out.build();
    }
}
