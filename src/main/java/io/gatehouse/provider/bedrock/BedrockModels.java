package io.gatehouse.provider.bedrock;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Bedrock model ids as clients write them: a foundation model ({@code anthropic.claude-3-5-sonnet-20240620-v1:0}),
 * an inference profile with its geography ({@code us.}, {@code eu.}, {@code apac.}, {@code global.} …), or an ARN.
 */
final class BedrockModels {
    /** Geography prefixes of cross-region inference profiles. */
    private static final Set<String> PROFILE_PREFIXES = Set.of("us", "eu", "apac", "global", "us-gov", "jp", "au", "ca");

    private BedrockModels() {
    }

    /** The id as a path segment: {@code :} and {@code /} (ARNs) percent-encoded. */
    static String pathSegment(String modelId) {
        return URLEncoder.encode(modelId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The model's family, its vendor ({@code anthropic}, {@code amazon}, {@code cohere}, {@code meta} …): an
     * ARN's resource name and an inference profile's geography are looked through; empty when the id does
     * not say (an application inference profile's ARN).
     */
    static String family(String modelId) {
        String id = modelId == null ? "" : modelId.strip();
        if (id.startsWith("arn:")) {
            id = id.substring(id.lastIndexOf('/') + 1);
        }
        String[] parts = id.toLowerCase(Locale.ROOT).split("\\.");
        if (parts.length > 2 && PROFILE_PREFIXES.contains(parts[0])) {
            return parts[1];
        }
        return parts.length > 1 ? parts[0] : "";
    }
}
