package io.gatehouse.guardrails;

import io.gatehouse.model.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code default.pii}: personal data and secrets found in process, by pattern — nothing is sent anywhere.
 * Card numbers must pass the Luhn check and IBANs their mod-97 check, so an order number is not a card.
 * With {@code redact}, what is found is replaced by {@code [EMAIL]}, {@code [CREDIT_CARD]} … and the check
 * passes; without it, the check fails when anything is found. {@code categories} limits what is looked for.
 * What was found is reported by category and count, never the values.
 */
final class PiiDetector {

    /** What is looked for, most specific first: an overlap goes to the earlier category. */
    enum Category {
        API_KEY("api_key", Pattern.compile(
                "-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----"
                        + "|\\b(?:sk|rk|pk)-(?:[A-Za-z0-9]+-)*[A-Za-z0-9_-]{20,}"
                        + "|\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"
                        + "|\\bgh[pousr]_[A-Za-z0-9]{36,}\\b|\\bgithub_pat_[A-Za-z0-9_]{22,}\\b"
                        + "|\\bxox[abpors]-[A-Za-z0-9-]{10,}"
                        + "|\\bAIza[0-9A-Za-z_-]{35}\\b"
                        + "|\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"
                        + "|(?i:\\b(?:api[_-]?key|secret|password|passwd|access[_-]?token)\\b[\"']?\\s*[:=]\\s*[\"']?)[^\\s\"']{8,}"),
                m -> true, t -> t.containsAny(KEY_HINTS) || t.lowerContainsAny(SECRET_WORDS)),
        CREDIT_CARD("credit_card", Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])"),
                m -> luhn(digits(m)), t -> t.digits() >= 13),
        IBAN("iban", Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}\\b"), m -> iban(m.replace(" ", "")), t -> t.digits() >= 2),
        NATIONAL_ID("national_id", Pattern.compile(
                "\\b(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}\\b"                 // US SSN
                        + "|\\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D]\\b"), // UK NINO
                m -> true, t -> t.digits() >= 6),
        EMAIL("email", Pattern.compile("\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b"), m -> true,
                t -> t.text().indexOf('@') >= 0),
        PHONE("phone", Pattern.compile("(?<![\\w+])\\+?\\(?\\d[\\d ().-]{7,}\\d(?!\\w)"),
                m -> digits(m).length() >= 9 && digits(m).length() <= 15, t -> t.digits() >= 9);

        private final String wireName;
        private final Pattern pattern;
        private final Predicate<String> confirm;
        /** A cheap look at the whole text first: most texts have no digit, no {@code @}, no key prefix. */
        private final Predicate<Facts> mayMatch;

        Category(String wireName, Pattern pattern, Predicate<String> confirm, Predicate<Facts> mayMatch) {
            this.wireName = wireName;
            this.pattern = pattern;
            this.confirm = confirm;
            this.mayMatch = mayMatch;
        }

        String wireName() {
            return wireName;
        }

        static Category named(String name) {
            for (Category c : values()) {
                if (c.wireName.equals(name.toLowerCase(Locale.ROOT))) {
                    return c;
                }
            }
            throw new Parameters.InvalidParameterException("unknown PII category '" + name + "'; known: "
                    + java.util.Arrays.stream(values()).map(Category::wireName).toList());
        }
    }

    private static final List<String> KEY_HINTS = List.of("-----BEGIN", "sk-", "rk-", "pk-", "AKIA", "ASIA", "ghp_", "gho_",
            "ghu_", "ghs_", "ghr_", "github_pat_", "xox", "AIza", "eyJ");
    private static final List<String> SECRET_WORDS = List.of("api", "secret", "passw", "token");

    /** What the prefilters ask of a text, worked out once. */
    static final class Facts {
        private final String text;
        private final int digits;
        private String lower;

        Facts(String text) {
            this.text = text;
            int count = 0;
            for (int i = 0; i < text.length(); i++) {
                if (Character.isDigit(text.charAt(i))) {
                    count++;
                }
            }
            this.digits = count;
        }

        String text() {
            return text;
        }

        int digits() {
            return digits;
        }

        boolean containsAny(List<String> hints) {
            return hints.stream().anyMatch(text::contains);
        }

        boolean lowerContainsAny(List<String> words) {
            if (lower == null) {
                lower = text.toLowerCase(Locale.ROOT);
            }
            return words.stream().anyMatch(lower::contains);
        }
    }

    /** One finding in a text. */
    record Finding(Category category, int start, int end) {
    }

    private PiiDetector() {
    }

    static void register(Map<String, Check> checks) {
        checks.put("default.pii", PiiDetector::check);
    }

    static CheckResult check(CheckInput in, Parameters p) {
        Set<Category> categories = categories(p);
        boolean redact = p.bool("redact", false);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String text : in.texts()) {
            for (Finding f : find(text, categories)) {
                counts.merge(f.category().wireName(), 1, Integer::sum);
            }
        }
        boolean found = !counts.isEmpty();
        JsonObjectBuilder detected = Json.object();
        counts.forEach(detected::add);
        JsonObject data = Json.object().add("detected", detected).add("redacted", found && redact)
                .add("explanation", !found ? "No PII found." : redact ? "PII was found and redacted." : "PII was found.")
                .build();
        if (!found || !redact) {
            return CheckResult.of(!found, data);
        }
        return new CheckResult(true, data, null, json -> Mutators.rewrite(in.event(), json, text -> redact(text, categories)));
    }

    private static Set<Category> categories(Parameters p) {
        List<String> names = p.strings("categories");
        if (names == null || names.isEmpty()) {
            return EnumSet.allOf(Category.class);
        }
        Set<Category> set = EnumSet.noneOf(Category.class);
        names.forEach(n -> set.add(Category.named(n)));
        return set;
    }

    /** Non-overlapping findings, in text order; where two overlap, the more specific category wins. */
    static List<Finding> find(String text, Set<Category> categories) {
        List<Finding> all = new ArrayList<>();
        Facts facts = new Facts(text);
        for (Category c : categories) {
            if (!c.mayMatch.test(facts)) {
                continue;
            }
            Matcher m = c.pattern.matcher(text);
            while (m.find()) {
                if (c.confirm.test(m.group())) {
                    all.add(new Finding(c, m.start(), m.end()));
                }
            }
        }
        all.sort(Comparator.comparingInt((Finding f) -> f.category().ordinal()));
        List<Finding> kept = new ArrayList<>();
        for (Finding f : all) {
            if (kept.stream().noneMatch(k -> k.start() < f.end() && f.start() < k.end())) {
                kept.add(f);
            }
        }
        kept.sort(Comparator.comparingInt(Finding::start));
        return kept;
    }

    static String redact(String text, Set<Category> categories) {
        List<Finding> findings = find(text, categories);
        if (findings.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Finding f : findings) {
            out.append(text, at, f.start()).append('[').append(f.category().name()).append(']');
            at = f.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    private static String digits(String s) {
        return s.replaceAll("\\D", "");
    }

    static boolean luhn(String digits) {
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    /** ISO 13616: move the first four characters to the end, letters as numbers, the whole mod 97 is 1. */
    static boolean iban(String iban) {
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String moved = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (char ch : moved.toCharArray()) {
            int value = Character.isDigit(ch) ? ch - '0' : ch - 'A' + 10;
            remainder = (value > 9 ? remainder * 100 : remainder * 10) + value;
            remainder %= 97;
        }
        return remainder == 1;
    }
}
