package io.gatehouse.guardrails;

import io.gatehouse.model.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Portkey's {@code default} checks on text alone, with its parameter names and verdicts: each reads the
 * side's text as {@code getText} gives it, and most take {@code not} to invert the verdict.
 */
final class TextChecks {
    private static final Pattern CODE_BLOCK = Pattern.compile("```(\\w+)\\n[\\s\\S]*?\\n```");
    private static final Map<String, String> LANGUAGES = Map.ofEntries(
            Map.entry("py", "Python"), Map.entry("python", "Python"), Map.entry("ts", "TypeScript"),
            Map.entry("typescript", "TypeScript"), Map.entry("js", "JavaScript"), Map.entry("javascript", "JavaScript"),
            Map.entry("java", "Java"), Map.entry("cs", "C#"), Map.entry("csharp", "C#"), Map.entry("cpp", "C++"),
            Map.entry("c++", "C++"), Map.entry("c", "C"), Map.entry("rb", "Ruby"), Map.entry("ruby", "Ruby"),
            Map.entry("php", "PHP"), Map.entry("swift", "Swift"), Map.entry("kt", "Kotlin"), Map.entry("kotlin", "Kotlin"),
            Map.entry("go", "Go"), Map.entry("golang", "Go"), Map.entry("rs", "Rust"), Map.entry("rust", "Rust"),
            Map.entry("scala", "Scala"), Map.entry("r", "R"), Map.entry("pl", "Perl"), Map.entry("perl", "Perl"),
            Map.entry("sh", "Shell"), Map.entry("bash", "Shell"), Map.entry("shell", "Shell"), Map.entry("sql", "SQL"),
            Map.entry("html", "HTML"), Map.entry("css", "CSS"), Map.entry("xml", "XML"), Map.entry("json", "JSON"),
            Map.entry("yaml", "YAML"), Map.entry("yml", "YAML"), Map.entry("md", "Markdown"),
            Map.entry("markdown", "Markdown"), Map.entry("dockerfile", "Dockerfile"));

    private TextChecks() {
    }

    static void register(Map<String, Check> checks) {
        checks.put("default.regexMatch", TextChecks::regexMatch);
        checks.put("default.sentenceCount", (in, p) -> counted(in, p, "minSentences", "maxSentences", "sentences",
                text -> text.split("[.!?]", -1).length - 1));
        checks.put("default.wordCount", (in, p) -> counted(in, p, "minWords", "maxWords", "words",
                text -> text.strip().split("\\s+").length));
        checks.put("default.characterCount", (in, p) -> counted(in, p, "minCharacters", "maxCharacters", "characters",
                String::length));
        checks.put("default.contains", TextChecks::contains);
        checks.put("default.containsCode", TextChecks::containsCode);
        checks.put("default.alluppercase", (in, p) -> casing(in, p, true));
        checks.put("default.alllowercase", (in, p) -> casing(in, p, false));
        checks.put("default.endsWith", TextChecks::endsWith);
        checks.put("default.notNull", TextChecks::notNull);
    }

    /** The side's text; checks that need text err when there is none, as Portkey's do. */
    static String text(CheckInput in) {
        if (in.text() == null || in.text().isEmpty()) {
            throw new Parameters.InvalidParameterException("no text to check");
        }
        return in.text();
    }

    /** {@code rule} (a regular expression) must match, or with {@code not} must not. */
    static CheckResult regexMatch(CheckInput in, Parameters p) {
        String rule = p.required("rule");
        boolean not = p.bool("not", false);
        Matcher match = Pattern.compile(rule).matcher(text(in));
        boolean matches = match.find();
        boolean verdict = not != matches;
        JsonObjectBuilder data = Json.object().add("regexPattern", rule).add("not", not)
                .add("explanation", verdict ? "The regex pattern matched as expected."
                        : matches ? "The regex pattern matched the text when it should not have."
                        : "The regex pattern did not match the text.");
        return CheckResult.of(verdict, data.build());
    }

    @FunctionalInterface
    private interface Counter {
        int count(String text);
    }

    /** A count within {@code [min, max]} (or outside it with {@code not}). */
    private static CheckResult counted(CheckInput in, Parameters p, String minName, String maxName, String unit, Counter counter) {
        long min = p.integer(minName);
        long max = p.integer(maxName);
        boolean not = p.bool("not", false);
        int count = counter.count(text(in));
        boolean inRange = count >= min && count <= max;
        boolean verdict = not != inRange;
        return CheckResult.of(verdict, Json.object().add(unit + "Count", count).add(minName, min).add(maxName, max)
                .add("not", not).add("explanation", "The text has " + count + " " + unit + ", "
                        + (inRange ? "within" : "outside") + " the range " + min + "-" + max
                        + (verdict ? "." : not ? " when it should not be." : ".")).build());
    }

    /** {@code words} found in the text: {@code any}, {@code all} or {@code none} of them ({@code operator}). */
    static CheckResult contains(CheckInput in, Parameters p) {
        List<String> words = p.strings("words");
        String operator = p.string("operator") == null ? "any" : p.string("operator");
        if (words == null) {
            throw new Parameters.InvalidParameterException("words is required");
        }
        String text = in.text() == null ? "" : in.text();
        return found(words, text::contains, operator, "words", "Words");
    }

    /**
     * Which of {@code names} are {@code present}, judged by {@code operator}: {@code any}, {@code all} or
     * {@code none} of them; {@code what} names them in the explanation and in {@code found…}/{@code missing…}.
     */
    static CheckResult found(List<String> names, java.util.function.Predicate<String> present, String operator,
                             String what, String member) {
        List<String> found = names.stream().filter(present).toList();
        List<String> missing = names.stream().filter(present.negate()).toList();
        boolean verdict = switch (operator) {
            case "any" -> !found.isEmpty();
            case "all" -> missing.isEmpty();
            case "none" -> found.isEmpty();
            default -> throw new Parameters.InvalidParameterException("operator must be any, all or none");
        };
        JsonObjectBuilder data = Json.object().add("operator", operator)
                .add("explanation", "Check " + (verdict ? "passed" : "failed") + " for '" + operator + "' " + what + ".");
        Json.put(data, "found" + member, found);
        Json.put(data, "missing" + member, missing);
        return CheckResult.of(verdict, data.build());
    }

    /** A fenced code block in language {@code format} (or none with {@code not}). */
    static CheckResult containsCode(CheckInput in, Parameters p) {
        String format = p.required("format");
        boolean not = p.bool("not", false);
        Matcher m = CODE_BLOCK.matcher(text(in));
        List<String> languages = new ArrayList<>();
        while (m.find()) {
            String tag = m.group(1).toLowerCase(Locale.ROOT);
            languages.add(LANGUAGES.getOrDefault(tag, tag));
        }
        boolean has = languages.contains(format);
        boolean verdict = not != has;
        JsonObjectBuilder data = Json.object().add("searchedFormat", format).add("not", not)
                .add("explanation", languages.isEmpty() ? "No code blocks found in the text."
                        : has ? "Found code in " + format + "." : "No code in " + format + " found.");
        Json.put(data, "foundFormats", languages);
        return CheckResult.of(verdict, data.build());
    }

    /** Every letter upper case (or lower case); {@code not} inverts. */
    private static CheckResult casing(CheckInput in, Parameters p, boolean upper) {
        boolean not = p.bool("not", false);
        String letters = text(in).replaceAll("[^a-zA-Z]", "");
        boolean all = letters.equals(upper ? letters.toUpperCase(Locale.ROOT) : letters.toLowerCase(Locale.ROOT));
        boolean verdict = not != all;
        String casing = upper ? "uppercase" : "lowercase";
        return CheckResult.of(verdict, Json.object().add("not", not).add("explanation", all
                ? "All alphabetic characters in the text are " + casing + "."
                : "The text contains characters that are not " + casing + ".").build());
    }

    /** The text ends with {@code suffix} (a final full stop allowed); {@code not} inverts. */
    static CheckResult endsWith(CheckInput in, Parameters p) {
        String suffix = p.required("suffix");
        boolean not = p.bool("not", false);
        String text = text(in);
        boolean ends = text.endsWith(suffix) || text.endsWith(suffix + ".");
        boolean verdict = not != ends;
        return CheckResult.of(verdict, Json.object().add("suffix", suffix).add("not", not).add("explanation",
                ends ? "The text ends with \"" + suffix + "\"." : "The text does not end with \"" + suffix + "\".").build());
    }

    /** The side has some non-blank text; {@code not} inverts. */
    static CheckResult notNull(CheckInput in, Parameters p) {
        boolean not = p.bool("not", false);
        boolean isNull = in.texts().stream().allMatch(String::isBlank);
        boolean verdict = not == isNull;
        return CheckResult.of(verdict, Json.object().add("not", not)
                .add("explanation", isNull ? "Content is null or empty." : "Content exists and is not null.").build());
    }

    /** JSON objects in the text, from fenced blocks or bare braces, for the JSON checks. */
    static List<JsonObject> jsonIn(String text) {
        List<JsonObject> found = new ArrayList<>();
        JsonObject whole = io.gatehouse.model.Json.parseObjectOrNull(text.strip());
        if (whole != null) {
            found.add(whole);
            return found;
        }
        Matcher blocks = Pattern.compile("```+(?:json)?\\s*([\\s\\S]*?)```+").matcher(text);
        while (blocks.find()) {
            JsonObject o = Json.parseObjectOrNull(blocks.group(1).strip());
            if (o != null) {
                found.add(o);
            }
        }
        if (found.isEmpty()) {
            int start = text.indexOf('{');
            int end = text.lastIndexOf('}');
            if (start >= 0 && end > start) {
                JsonObject o = Json.parseObjectOrNull(text.substring(start, end + 1));
                if (o != null) {
                    found.add(o);
                }
            }
        }
        return found;
    }

    /** {@code keys} present in a JSON object of the text: {@code any}, {@code all} or {@code none} ({@code operator}). */
    static CheckResult jsonKeys(CheckInput in, Parameters p) {
        List<String> keys = p.strings("keys");
        String operator = p.required("operator");
        if (keys == null || keys.isEmpty()) {
            throw new Parameters.InvalidParameterException("keys must be a non-empty array");
        }
        if (!List.of("any", "all", "none").contains(operator)) {
            throw new Parameters.InvalidParameterException("operator must be any, all or none");
        }
        List<JsonObject> objects = jsonIn(text(in));
        boolean verdict = false;
        List<String> bestPresent = List.of();
        List<String> bestMissing = keys;
        for (JsonObject o : objects) {
            List<String> present = keys.stream().filter(o::containsKey).toList();
            List<String> missing = keys.stream().filter(k -> !o.containsKey(k)).toList();
            boolean ok = switch (operator) {
                case "any" -> !present.isEmpty();
                case "all" -> missing.isEmpty();
                default -> present.isEmpty();
            };
            if (ok || present.size() > bestPresent.size()) {
                bestPresent = present;
                bestMissing = missing;
            }
            if (ok) {
                verdict = true;
                break;
            }
        }
        JsonObjectBuilder data = Json.object().add("operator", operator).add("explanation", objects.isEmpty()
                ? "No valid JSON found in the text." : "Check " + (verdict ? "passed" : "failed") + " for '" + operator + "' keys.");
        Json.put(data, "presentKeys", bestPresent);
        Json.put(data, "missingKeys", bestMissing);
        return CheckResult.of(verdict, data.build());
    }

    static JsonValue firstJson(String text) {
        List<JsonObject> objects = jsonIn(text);
        return objects.isEmpty() ? null : objects.get(0);
    }
}
