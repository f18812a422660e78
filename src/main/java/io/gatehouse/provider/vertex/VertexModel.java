package io.gatehouse.provider.vertex;

import io.gatehouse.error.GatewayException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A model as Vertex AI addresses it: {@code publishers/{publisher}/models/{name}}. Clients may write it that way,
 * or with Portkey's {@code publisher.} prefix ({@code anthropic.claude-sonnet-4@20250514}), or bare: {@code claude-*}
 * is Anthropic's, anything else Google's ({@code gemini-2.5-pro}, {@code text-embedding-005}). Names are checked
 * against Vertex's character set, so a model string cannot change the URL.
 */
record VertexModel(String publisher, String name) {
    static final String GOOGLE = "google";
    static final String ANTHROPIC = "anthropic";
    private static final Set<String> DOTTED_PUBLISHERS = Set.of(GOOGLE, ANTHROPIC, "meta", "mistralai");
    private static final Pattern PUBLISHER = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,255}");

    static VertexModel parse(String model) {
        if (model == null || model.isBlank()) {
            throw GatewayException.badRequest("invalid_model", "vertex-ai: a model is required");
        }
        String publisher;
        String name;
        if (model.startsWith("publishers/")) {
            String[] parts = model.split("/", -1);
            if (parts.length != 4 || !parts[2].equals("models")) {
                throw invalid(model);
            }
            publisher = parts[1];
            name = parts[3];
        } else {
            int dot = model.indexOf('.');
            if (dot > 0 && DOTTED_PUBLISHERS.contains(model.substring(0, dot))) {
                publisher = model.substring(0, dot);
                name = model.substring(dot + 1);
            } else {
                publisher = model.startsWith("claude-") ? ANTHROPIC : GOOGLE;
                name = model;
            }
        }
        if (!PUBLISHER.matcher(publisher).matches() || !NAME.matcher(name).matches()) {
            throw invalid(model);
        }
        return new VertexModel(publisher, name);
    }

    private static GatewayException invalid(String model) {
        return GatewayException.badRequest("invalid_model", "vertex-ai: model '" + model
                + "' is not a Vertex model (e.g. gemini-2.5-pro, claude-sonnet-4@20250514, publishers/google/models/gemini-2.5-pro)");
    }

    /** The path below the location: {@code publishers/{publisher}/models/{name}}. */
    String path() {
        return "publishers/" + publisher + "/models/" + name;
    }
}
