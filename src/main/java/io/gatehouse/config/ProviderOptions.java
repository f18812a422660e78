package io.gatehouse.config;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A target's provider-specific fields (Azure {@code resource_name}, {@code deployment_id},
 * {@code api_version}; {@code aws_*}; {@code vertex_*}; …), by snake_case name, values as written. Provider
 * adapters read what they need. Many are secrets, so {@link #toString()} shows names only.
 */
public record ProviderOptions(Map<String, JsonValue> values) {
    public static final ProviderOptions NONE = new ProviderOptions(Map.of());

    /** Names that are provider fields although they carry no provider prefix (Azure OpenAI's). */
    private static final Set<String> UNPREFIXED = Set.of("resource_name", "deployment_id", "api_version");
    /** Prefixes of provider fields, following Portkey's provider headers (portkey-behaviour.md §2.2). */
    private static final Set<String> PREFIXES = Set.of(
            "azure_", "aws_", "amz_", "amzn_", "vertex_", "openai_", "anthropic_", "workers_ai_", "huggingface_",
            "stability_", "fireworks_", "oracle_", "snowflake_", "mistral_");

    public ProviderOptions {
        values = Map.copyOf(values);
    }

    /** Whether a snake_case config key is a provider-specific field. */
    public static boolean isProviderField(String snakeKey) {
        return UNPREFIXED.contains(snakeKey) || PREFIXES.stream().anyMatch(snakeKey::startsWith);
    }

    /** A string field, or null when absent or not a string. */
    public String string(String snakeKey) {
        return values.get(snakeKey) instanceof JsonString s ? s.getString() : null;
    }

    /** A string field, an object or array field as its JSON text (Vertex's service account), or null. */
    public String text(String snakeKey) {
        JsonValue value = values.get(snakeKey);
        if (value instanceof JsonString s) {
            return s.getString();
        }
        return value != null && (value.getValueType() == JsonValue.ValueType.OBJECT
                || value.getValueType() == JsonValue.ValueType.ARRAY) ? value.toString() : null;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public String toString() {
        return "ProviderOptions" + new TreeMap<>(values).keySet();
    }
}
