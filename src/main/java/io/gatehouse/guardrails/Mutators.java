package io.gatehouse.guardrails;

import io.gatehouse.model.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Portkey's checks that rewrite what they check: {@code regexReplace} and {@code addPrefix}. */
final class Mutators {
    private static final Pattern JS_REGEX = Pattern.compile("^/(.+?)/([gimsuyd]*)$", Pattern.DOTALL);

    private Mutators() {
    }

    static void register(Map<String, Check> checks) {
        checks.put("default.regexReplace", Mutators::regexReplace);
        checks.put("default.addPrefix", Mutators::addPrefix);
    }

    /** A rule written as {@code /pattern/flags} (JavaScript's form) or as a bare pattern. */
    record Rule(Pattern pattern, boolean global) {
        static Rule parse(String rule) {
            Matcher m = JS_REGEX.matcher(rule);
            if (!m.matches()) {
                return new Rule(Pattern.compile(rule), false);
            }
            String flags = m.group(2);
            int bits = 0;
            bits |= flags.contains("i") ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
            bits |= flags.contains("m") ? Pattern.MULTILINE : 0;
            bits |= flags.contains("s") ? Pattern.DOTALL : 0;
            return new Rule(Pattern.compile(m.group(1), bits), flags.contains("g"));
        }
    }

    /**
     * Replaces what {@code rule} matches with {@code redactText} (default {@code [REDACTED]}) in every text of
     * the side — the first match of each, or all of them with the {@code g} flag, as JavaScript's
     * {@code replace} does. Fails when something matched and {@code failOnDetection} is set.
     */
    static CheckResult regexReplace(CheckInput in, Parameters p) {
        Rule rule = Rule.parse(p.required("rule"));
        String redactText = p.string("redactText") == null ? "[REDACTED]" : p.string("redactText");
        boolean failOnDetection = p.bool("failOnDetection", false);
        String replacement = Matcher.quoteReplacement(redactText);
        AtomicInteger matches = new AtomicInteger();
        UnaryOperator<String> rewrite = text -> {
            Matcher m = rule.pattern().matcher(text);
            StringBuilder out = new StringBuilder();
            int count = 0;
            while (m.find()) {
                count++;
                m.appendReplacement(out, replacement);
                if (!rule.global()) {
                    break;
                }
            }
            if (count == 0) {
                return text;
            }
            matches.addAndGet(count);
            return m.appendTail(out).toString();
        };
        rewrite(in.event(), in.json(), rewrite);
        boolean matched = matches.get() > 0;
        JsonObject data = Json.object().add("regexPattern", rule.pattern().pattern()).add("matchCount", matches.get())
                .add("explanation", matched ? "The regex pattern matched and the text was redacted."
                        : "The regex pattern did not match any text.").build();
        return new CheckResult(!(failOnDetection && matched), data, null,
                matched ? json -> rewrite(in.event(), json, rewrite) : null);
    }

    static JsonObject rewrite(Event event, JsonObject json, UnaryOperator<String> rewrite) {
        return event == Event.BEFORE_REQUEST ? TextSlots.rewriteRequest(json, rewrite) : TextSlots.rewriteAnswer(json, rewrite);
    }

    /**
     * Puts {@code prefix} before the text: in a chat or messages request, the first message of role
     * {@code applyToRole} (default {@code user}) — into it ({@code addToExisting}, the default) or as a new
     * message before it, and only when it is empty with {@code onlyIfEmpty}; a message of that role is added
     * when there is none. In a completion request, the prompt; in an answer, its first text.
     */
    static CheckResult addPrefix(CheckInput in, Parameters p) {
        String prefix = p.required("prefix");
        String role = p.string("applyToRole") == null ? "user" : p.string("applyToRole");
        boolean addToExisting = p.bool("addToExisting", true);
        boolean onlyIfEmpty = p.bool("onlyIfEmpty", false);
        JsonObject data = Json.object().add("prefix", prefix).add("applyToRole", role).build();
        if (in.event() == Event.AFTER_REQUEST || in.json().containsKey("prompt")) {
            return new CheckResult(true, data, null, json -> {
                AtomicBoolean first = new AtomicBoolean(true);
                return rewrite(in.event(), json, text -> first.getAndSet(false) ? prefix + text : text);
            });
        }
        if (!(in.json().get("messages") instanceof JsonArray messages)) {
            throw new Parameters.InvalidParameterException("addPrefix applies to chat, messages and completion requests");
        }
        boolean anthropic = "messages".equals(in.requestType());
        if (anthropic && role.equals("system")) {
            JsonValue system = in.json().get("system");
            JsonValue prefixed = system == null ? Json.PROVIDER.createValue(prefix) : prefixed(system, prefix);
            return new CheckResult(true, data, null,
                    json -> Json.PROVIDER.createObjectBuilder(json).add("system", prefixed).build());
        }
        int target = -1;
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i) instanceof JsonObject m && role.equals(Json.string(m, "role"))) {
                target = i;
                break;
            }
        }
        JsonValue newMessage = Json.object().add("role", role).add("content", anthropic
                ? Json.array().add(Json.object().add("type", "text").add("text", prefix)).build()
                : Json.PROVIDER.createValue(prefix)).build();
        JsonArrayBuilder out = Json.array();
        if (target == -1) {
            if (role.equals("system")) {
                out.add(newMessage);
            }
            messages.forEach(out::add);
            if (!role.equals("system")) {
                out.add(newMessage);
            }
        } else {
            JsonObject message = messages.getJsonObject(target);
            JsonValue content = message.get("content");
            boolean empty = content == null || content.getValueType() == JsonValue.ValueType.NULL
                    || content instanceof JsonString s && s.getString().isEmpty()
                    || content instanceof JsonArray a && a.isEmpty();
            if (onlyIfEmpty && !empty) {
                return CheckResult.of(true, data);
            }
            for (int i = 0; i < messages.size(); i++) {
                if (i != target) {
                    out.add(messages.get(i));
                } else if (addToExisting) {
                    out.add(Json.PROVIDER.createObjectBuilder(message).add("content",
                            content == null || content.getValueType() == JsonValue.ValueType.NULL
                                    ? Json.PROVIDER.createValue(prefix) : prefixed(content, prefix)));
                } else {
                    out.add(newMessage);
                    out.add(message);
                }
            }
        }
        JsonArray rewritten = out.build();
        return new CheckResult(true, data, null,
                json -> Json.PROVIDER.createObjectBuilder(json).add("messages", rewritten).build());
    }

    /** Content with {@code prefix} before its text: a string, or parts whose first text part gets it. */
    private static JsonValue prefixed(JsonValue content, String prefix) {
        if (content instanceof JsonString s) {
            return Json.PROVIDER.createValue(prefix + s.getString());
        }
        if (content instanceof JsonArray parts) {
            JsonArrayBuilder out = Json.array();
            boolean done = false;
            for (JsonValue part : parts) {
                if (!done && part instanceof JsonObject o && o.get("text") instanceof JsonString s) {
                    out.add(Json.PROVIDER.createObjectBuilder(o).add("text", prefix + s.getString()));
                    done = true;
                } else {
                    out.add(part);
                }
            }
            if (!done) {
                return Json.array().add(Json.object().add("type", "text").add("text", prefix)).addAll(Json.PROVIDER
                        .createArrayBuilder(parts)).build();
            }
            return out.build();
        }
        return content;
    }
}
