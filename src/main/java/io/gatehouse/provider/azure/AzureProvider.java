package io.gatehouse.provider.azure;

import static io.gatehouse.provider.Capability.CHAT_COMPLETIONS;
import static io.gatehouse.provider.Capability.COMPLETIONS;
import static io.gatehouse.provider.Capability.EMBEDDINGS;

import io.gatehouse.http.Header;
import io.gatehouse.http.UrlText;
import io.gatehouse.provider.ApiTrait;
import io.gatehouse.provider.AuthScheme;
import io.gatehouse.provider.Capability;
import io.gatehouse.provider.Endpoint;
import io.gatehouse.provider.ErrorTranslator;
import io.gatehouse.provider.PassThroughApi;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.provider.ProviderSpec;
import io.gatehouse.provider.RequiredOption;
import io.gatehouse.provider.TranslatesErrors;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Azure OpenAI speaks OpenAI's format; only the address and auth differ. The base is
 * {@code https://{resource}.openai.azure.com/openai} (or the custom host in its place). Dated API versions use the deployment
 * path {@code /deployments/{deployment}/chat/completions?api-version=…}; {@code v1} uses the v1 API
 * {@code /v1/chat/completions} (the request's {@code model} names the deployment) and
 * {@code preview} the same path with {@code ?api-version=preview}. Auth is {@code api-key}, or
 * {@code Authorization: Bearer} with a Microsoft Entra ID token. Answers pass through; errors take the
 * {@code "azure-openai error: …"} form every provider's errors have. Names are checked against Azure's
 * character sets before they go into the URL, so no header can rewrite it (Portkey-AI/gateway#1596).
 */
public final class AzureProvider implements PassThroughApi, TranslatesErrors {
    public static final String SLUG = "azure-openai";

    private static final Pattern RESOURCE_NAME_SYNTAX = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?");
    private static final Pattern DEPLOYMENT_ID_SYNTAX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern API_VERSION_SYNTAX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,31}");

    public static ProviderSpec spec() {
        return new ProviderSpec(SLUG, null, "", AuthScheme.API_KEY, EnumSet.of(CHAT_COMPLETIONS, COMPLETIONS, EMBEDDINGS),
                Set.of(), List.of(), new AzureProvider(), Set.of(ApiTrait.MAX_COMPLETION_TOKENS, ApiTrait.SERVES_RESPONSES));
    }

    private final AzureErrorMapper errors = new AzureErrorMapper();

    /** The host comes from the resource name, checked when the call is built. */
    @Override
    public void requireReachable(ProviderSpec spec, String customHostOrNull) {
        // nothing to refuse yet
    }

    @Override
    public Endpoint endpoint(Capability capability, ProviderCall call) {
        AzureOptions options = AzureOptions.read(call.clientHeaders(), call.targetFields());
        String version = checked(options.apiVersion(), API_VERSION_SYNTAX, "api version",
                AzureOptions.API_VERSION, "api_version", "e.g. 2024-10-21, or v1 for the v1 API");
        String path;
        if (version.equals("v1") || version.equals("preview")) {
            path = "/v1" + capability.openAiPath() + (version.equals("preview") ? "?api-version=preview" : "");
        } else {
            String deployment = checked(options.deploymentId(), DEPLOYMENT_ID_SYNTAX, "deployment id",
                    AzureOptions.DEPLOYMENT_ID, "deployment_id", "letters, digits, '.', '_', '-'");
            path = "/deployments/" + deployment + capability.openAiPath() + "?api-version=" + version;
        }
        return new Endpoint(URI.create(host(call, options) + path), auth(call, options));
    }

    /** Of the client dialects Azure serves the Responses API only ({@link ApiTrait#SERVES_RESPONSES}), at its own addresses. */
    @Override
    public Endpoint dialectEndpoint(String dialectPath, ProviderCall call, String path, String rawQuery) {
        return responses(call, path, rawQuery);
    }

    /**
     * The Responses API of the resource ({@code path} after {@code /responses}: {@code ""}, {@code /{id}},
     * {@code /{id}/input_items}): the v1 API's {@code /v1/responses} for {@code v1} and {@code preview},
     * else {@code /responses?api-version=…}. No deployment: the body's {@code model} names it.
     */
    private static Endpoint responses(ProviderCall call, String path, String rawQuery) {
        AzureOptions options = AzureOptions.read(call.clientHeaders(), call.targetFields());
        String version = checked(options.apiVersion(), API_VERSION_SYNTAX, "api version",
                AzureOptions.API_VERSION, "api_version", "e.g. 2025-04-01-preview, or v1 for the v1 API");
        String url = host(call, options) + (version.equals("v1") || version.equals("preview") ? "/v1/responses" : "/responses")
                + path;
        String clientQuery = UrlText.escapeIllegal(rawQuery);
        String query = version.equals("v1") ? clientQuery : joinQuery("api-version=" + version, clientQuery);
        return new Endpoint(URI.create(query == null ? url : url + "?" + query), auth(call, options));
    }

    private static String joinQuery(String first, String rawQuery) {
        return rawQuery == null || rawQuery.isEmpty() ? first : first + "&" + rawQuery;
    }

    /**
     * Portkey's base for Azure, {@code https://{resource}.openai.azure.com/openai}, or the custom host in its
     * place: a custom host {@code http://h/p} serves {@code http://h/p/deployments/{d}/chat/completions?api-version=…}.
     */
    public static String host(ProviderCall call, AzureOptions options) {
        if (call.customHost() != null) {
            return call.customHost().replaceAll("/+$", "");
        }
        String resource = checked(options.resourceName(), RESOURCE_NAME_SYNTAX, "resource name",
                AzureOptions.RESOURCE_NAME, "resource_name", "letters, digits and '-'");
        return "https://" + resource + ".openai.azure.com/openai";
    }

    @Override
    public ErrorTranslator errors() {
        return errors;
    }

    private static List<Header> auth(ProviderCall call, AzureOptions options) {
        String adToken = options.adToken();
        if (adToken != null) {
            return AuthScheme.BEARER.headers(adToken);
        }
        return call.providerHeaders();
    }

    private static String checked(String value, Pattern allowed, String what, String header, String field, String hint) {
        return new RequiredOption(SLUG, what, header, field, allowed, hint).check(value);
    }

}
