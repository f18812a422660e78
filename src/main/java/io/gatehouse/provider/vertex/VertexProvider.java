package io.gatehouse.provider.vertex;

import static io.gatehouse.provider.Capability.CHAT_COMPLETIONS;
import static io.gatehouse.provider.Capability.EMBEDDINGS;

import io.gatehouse.error.GatewayException;
import io.gatehouse.http.Header;
import io.gatehouse.provider.AuthScheme;
import io.gatehouse.provider.ChatTranslator;
import io.gatehouse.provider.EmbeddingsTranslating;
import io.gatehouse.provider.EmbeddingsTranslator;
import io.gatehouse.provider.Endpoint;
import io.gatehouse.provider.ErrorTranslator;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.provider.ProviderSpec;
import io.gatehouse.provider.RequiredOption;
import io.gatehouse.provider.TranslatingApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Google Vertex AI ({@code vertex-ai}): Gemini through {@code publishers/google} ({@code :generateContent},
 * {@code :streamGenerateContent?alt=sse}, embeddings by {@code :predict}) and Claude through
 * {@code publishers/anthropic} ({@code :rawPredict}, {@code :streamRawPredict}), other publishers' models through
 * the OpenAI-compatible {@code endpoints/openapi/chat/completions}, at
 * {@code https://{region}-aiplatform.googleapis.com/v1/projects/{project}/locations/{region}/…}
 * ({@code aiplatform.googleapis.com} for region {@code global}; a custom host replaces the host). Requests and
 * answers are Google's, Anthropic's and OpenAI's own, mapped by those providers' mappers.
 *
 * <p>Auth is {@code Authorization: Bearer} with an OAuth access token: the provider key itself, or one obtained
 * for a service-account key (the provider key when it is a key file's JSON, or {@code vertex_service_account_json}),
 * kept until shortly before it expires ({@link AccessTokens}).
 */
public final class VertexProvider implements TranslatingApi, EmbeddingsTranslating {
    public static final String SLUG = "vertex-ai";
    /** The Messages API version Claude on Vertex takes in the body, per Anthropic's Vertex documentation. */
    static final String ANTHROPIC_VERSION = "vertex-2023-10-16";
    private static final RequiredOption REGION = new RequiredOption(SLUG, "region", VertexOptions.REGION, "vertex_region",
            Pattern.compile("[a-z][a-z0-9-]{0,62}"), "lower-case letters, digits and '-', e.g. us-central1, europe-west4 or global");
    /** Project ids, legacy domain-scoped ones ({@code example.com:project}) included. */
    private static final RequiredOption PROJECT = new RequiredOption(SLUG, "project id", VertexOptions.PROJECT_ID,
            "vertex_project_id", Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:-]{0,127}"), "letters, digits, '-', '.' and ':'");
    /** One per gateway: tokens outlive a reload of the provider table. */
    private static final AccessTokens TOKENS = new AccessTokens(Clock.systemUTC(), 1024);

    private final VertexChatMapper chat = new VertexChatMapper();
    private final VertexEmbeddingsMapper embeddings = new VertexEmbeddingsMapper();
    private final VertexErrorMapper errors = new VertexErrorMapper();

    public static ProviderSpec spec() {
        return new ProviderSpec(SLUG, null, "", AuthScheme.OAUTH_ACCESS_TOKEN, EnumSet.of(CHAT_COMPLETIONS, EMBEDDINGS),
                Set.of(), List.of(), new VertexProvider(), Set.of());
    }

    /** The host comes from the region, checked when the call is built. */
    @Override
    public void requireReachable(ProviderSpec spec, String customHostOrNull) {
        // nothing to refuse yet
    }

    /** {@code {host}/v1/projects/{p}/locations/{r}/publishers/{pub}/models/{m}:{method}} with a bearer token. */
    static Endpoint endpoint(ProviderCall call, VertexModel model, String methodAndQuery) {
        return endpoint(call, model.path() + ":" + methodAndQuery);
    }

    /** {@code {host}/v1/projects/{p}/locations/{r}/{path}} with a bearer token. */
    static Endpoint endpoint(ProviderCall call, String pathInLocation) {
        VertexOptions options = VertexOptions.read(call);
        ServiceAccount account = serviceAccount(call, options);
        String region = REGION.check(options.region());
        String project = PROJECT.check(options.projectId() != null ? options.projectId() : account == null ? null : account.projectId());
        String url = host(call, region) + "/v1/projects/" + project + "/locations/" + region + "/" + pathInLocation;
        return new Endpoint(URI.create(url), List.of(new Header("Authorization", "Bearer " + accessToken(call, account))));
    }

    /** Region {@code global} is served without a regional prefix; a custom host replaces the host only. */
    static String host(ProviderCall call, String region) {
        if (call.customHost() != null) {
            return call.customHost().replaceAll("/+$", "");
        }
        return region.equals("global") ? "https://aiplatform.googleapis.com" : "https://" + region + "-aiplatform.googleapis.com";
    }

    /** The service account to use: {@code vertex_service_account_json} (or its header), else the key when it is a key file. */
    private static ServiceAccount serviceAccount(ProviderCall call, VertexOptions options) {
        if (options.serviceAccountJson() != null) {
            return ServiceAccount.parse(options.serviceAccountJson(),
                    VertexOptions.SERVICE_ACCOUNT_JSON + " / vertex_service_account_json", call.operatorCredentials());
        }
        if (call.apiKey() != null && ServiceAccount.looksLikeKeyFile(call.apiKey())) {
            return ServiceAccount.parse(call.apiKey(), "the provider key", call.operatorCredentials());
        }
        return null;
    }

    private static String accessToken(ProviderCall call, ServiceAccount account) {
        if (account != null) {
            try {
                return TOKENS.token(account.cacheKey(), account::exchange);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // exchange() reports its own failures; the cache adds none
            }
        }
        if (call.apiKey() == null) {
            throw GatewayException.badRequest("missing_api_key", "vertex-ai needs an access token (Authorization: Bearer) "
                    + "or a service-account key (" + VertexOptions.SERVICE_ACCOUNT_JSON + ", vertex_service_account_json, "
                    + "or a model-catalog key holding the key file)");
        }
        return call.apiKey();
    }



    @Override
    public ChatTranslator chat() {
        return chat;
    }

    @Override
    public EmbeddingsTranslator embeddings() {
        return embeddings;
    }

    @Override
    public ErrorTranslator errors() {
        return errors;
    }
}
