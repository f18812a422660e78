package io.gatehouse.config;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * One hook of a config, Portkey's full form ({@code before_request_hooks} / {@code after_request_hooks}) or
 * read from its shorthand ({@code input_guardrails}, {@code output_mutators} …): checks run together, and what
 * their failure means.
 *
 * @param id         the hook's id as written, else its place in the config ({@code config.input_guardrails[0]})
 * @param type       a guardrail (checks that pass or fail) or a mutator (checks that may rewrite the text)
 * @param checks     the checks, in order
 * @param deny       whether a failure withholds the answer (446) rather than flagging it (246)
 * @param async      Portkey's {@code async}: run, reported, but never withholding anything
 * @param sequential whether its checks run one after another rather than together
 * @param onFail     Portkey's {@code on_fail} (its {@code feedback} is reported), or null
 * @param onSuccess  Portkey's {@code on_success}, or null
 * @param incremental Gatehouse's {@code incremental}: on a stream, an after-request hook that judges the text as it
 *                   is relayed (and cuts the stream when a deny check fails) instead of holding the stream back
 */
public record HookConfig(String id, Type type, List<Check> checks, boolean deny, boolean async, boolean sequential,
                         JsonObject onFail, JsonObject onSuccess, boolean incremental) {

    /** The check functions this gateway runs, by their Portkey ids. */
    public static final Set<String> KNOWN_CHECKS = Set.of(
            "default.regexMatch", "default.regexReplace", "default.sentenceCount", "default.wordCount",
            "default.characterCount", "default.jsonSchema", "default.jsonKeys", "default.contains",
            "default.validUrls", "default.containsCode", "default.alluppercase", "default.alllowercase",
            "default.endsWith", "default.modelWhitelist", "default.modelRules", "default.requiredMetadataKeys",
            "default.allowedRequestTypes", "default.addPrefix", "default.notNull", "default.jwt",
            "default.webhook", "default.log", "default.pii");

    public HookConfig {
        checks = List.copyOf(checks);
    }

    /** A hook that holds a stream back until it decides (the default). */
    public HookConfig(String id, Type type, List<Check> checks, boolean deny, boolean async, boolean sequential,
                      JsonObject onFail, JsonObject onSuccess) {
        this(id, type, checks, deny, async, sequential, onFail, onSuccess, false);
    }

    public enum Type {
        GUARDRAIL("guardrail"), MUTATOR("mutator");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /**
     * One check of a hook.
     *
     * @param id         {@code namespace.function}, e.g. {@code default.regexMatch}
     * @param parameters its parameters with Portkey's names, as written
     * @param enabled    Portkey's {@code is_enabled} (default true)
     */
    public record Check(String id, JsonObject parameters, boolean enabled) {
    }

    /** Parameters may carry credentials (a webhook's headers): never printed. */
    @Override
    public String toString() {
        return "HookConfig[id=" + id + ", type=" + type + ", checks=" + checks.stream().map(Check::id).toList()
                + ", deny=" + deny + "]";
    }
}
