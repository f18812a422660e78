package io.gatehouse.guardrails;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.gatehouse.model.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Portkey's checks on JSON in the text: {@code jsonSchema} and {@code jsonKeys}. */
final class JsonChecks {
    /** Compiled schemas by their text; a config's schema is compiled once, not per request. */
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
    private static final int MAX_SCHEMAS = 256;
    /** Draft 2020-12 unless a schema names its own; a {@code $ref} is never fetched from the network. */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));

    private JsonChecks() {
    }

    static void register(Map<String, Check> checks) {
        checks.put("default.jsonSchema", JsonChecks::jsonSchema);
        checks.put("default.jsonKeys", TextChecks::jsonKeys);
    }

    /** A JSON object of the text (whole, or in a fenced block) matches {@code schema}; {@code not} inverts. */
    static CheckResult jsonSchema(CheckInput in, Parameters p) {
        JsonObject schemaJson = p.object("schema");
        if (schemaJson == null) {
            throw new Parameters.InvalidParameterException("schema is required");
        }
        boolean not = p.bool("not", false);
        Schema schema = schema(schemaJson.toString());
        List<JsonObject> candidates = TextChecks.jsonIn(TextChecks.text(in));
        List<String> errors = List.of("No valid JSON found in the text.");
        boolean valid = false;
        for (JsonObject candidate : candidates) {
            List<String> found = schema.validate(candidate.toString(), InputFormat.JSON).stream()
                    .map(e -> e.getInstanceLocation() + ": " + e.getMessage()).limit(20).toList();
            if (found.isEmpty()) {
                valid = true;
                break;
            }
            errors = found;
        }
        boolean verdict = not != valid;
        JsonObjectBuilder data = Json.object().add("not", not).add("explanation", valid
                ? "The JSON matches the schema." : "The JSON does not match the schema.");
        if (!valid) {
            Json.put(data, "validationErrors", errors);
        }
        return CheckResult.of(verdict, data.build());
    }

    private static Schema schema(String text) {
        Schema cached = SCHEMAS.get(text);
        if (cached != null) {
            return cached;
        }
        if (SCHEMAS.size() >= MAX_SCHEMAS) {
            SCHEMAS.clear();
        }
        Schema schema = REGISTRY.getSchema(text, InputFormat.JSON);
        SCHEMAS.put(text, schema);
        return schema;
    }
}
