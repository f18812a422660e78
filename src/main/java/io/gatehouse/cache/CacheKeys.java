package io.gatehouse.cache;

import io.gatehouse.access.Caller;
import io.gatehouse.routing.ResolvedTarget;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;

/**
 * The cache's keys, each a SHA-256 of its parts (so no key, prompt or secret is ever held in a key):
 * <ul>
 *   <li>the <b>tenant</b>: the gateway key's name; plus, for a target called with the client's (or the
 *       config's) own provider key, a hash of that key and the custom host — on an open gateway the only
 *       thing that tells callers apart;</li>
 *   <li>the <b>target</b>: provider, catalog entry, custom host, the model the provider is asked for;</li>
 *   <li>the <b>route</b> the client called ({@code /v1/chat/completions}, {@code /v1/messages}, …);</li>
 *   <li>the <b>upstream body</b> as the provider receives it (overrides applied, translated), as canonical
 *       JSON without {@code stream} and {@code stream_options};</li>
 *   <li>whether the answer is an event stream.</li>
 * </ul>
 */
final class CacheKeys {
    /** Members that say how the answer is delivered, not what it is. */
    static final Set<String> DELIVERY_MEMBERS = Set.of("stream", "stream_options");

    private CacheKeys() {
    }

    /** Who may share answers. */
    static String tenant(Caller caller, ResolvedTarget target) {
        String key = caller.key() == null ? "open" : "key:" + caller.key().name();
        if (target.entry() != null) {
            return key; // the entry is the target: its keys are the gateway's, not the caller's
        }
        return key + "|credential:" + sha256(Objects.toString(target.apiKey(), "") + "\n"
                + Objects.toString(target.customHost(), ""));
    }

    /** The exact key of an attempt's answer. */
    static String exact(String tenant, ResolvedTarget target, String route, JsonValue upstreamBody, boolean stream) {
        return sha256(String.join("\n", "exact", tenant, targetPart(target), route,
                upstreamBody == null ? "" : CanonicalJson.of(upstreamBody, DELIVERY_MEMBERS), stream ? "sse" : "json"));
    }

    /**
     * Semantic mode's exact part: everything but the prompt's own text must match — the target, the route,
     * the model, the system prompt, tools, every setting ({@code temperature}, {@code max_tokens}, …) and the
     * target's override params.
     */
    static String semanticExactPart(String tenant, ResolvedTarget target, String route, PromptParts prompt, boolean stream) {
        JsonObject overrides = target.overrideParams();
        return sha256(String.join("\n", "semantic", tenant, targetPart(target), route,
                CanonicalJson.of(prompt.exactPart(), DELIVERY_MEMBERS),
                overrides == null ? "" : CanonicalJson.of(overrides, Set.of()), stream ? "sse" : "json"));
    }

    private static String targetPart(ResolvedTarget target) {
        return target.provider().slug() + "|" + (target.entry() == null ? "" : "@" + target.entry().slug()) + "|"
                + Objects.toString(target.customHost(), "") + "|" + Objects.toString(target.model(), "");
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
