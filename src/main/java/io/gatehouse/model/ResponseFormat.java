package io.gatehouse.model;

import jakarta.json.JsonObject;

/**
 * The shape the answer must have.
 *
 * @param kind   text, any JSON object, or JSON matching a schema
 * @param name   the schema's name ({@link Kind#JSON_SCHEMA}), or null
 * @param schema the JSON Schema ({@link Kind#JSON_SCHEMA}), or null
 * @param strict OpenAI's strict flag, or null
 */
public record ResponseFormat(Kind kind, String name, JsonObject schema, Boolean strict) {
    public enum Kind { TEXT, JSON_OBJECT, JSON_SCHEMA }
}
