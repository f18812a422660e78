package io.gatehouse.provider.voyage;

import static io.gatehouse.provider.Capability.EMBEDDINGS;
import static io.gatehouse.provider.Capability.RERANK;

import io.gatehouse.provider.AuthScheme;
import io.gatehouse.provider.Capability;
import io.gatehouse.provider.Endpoint;
import io.gatehouse.provider.ErrorTranslator;
import io.gatehouse.provider.PassThroughApi;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.provider.ProviderSpec;
import io.gatehouse.provider.RerankTranslating;
import io.gatehouse.provider.RerankTranslator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Voyage AI ({@code https://api.voyageai.com/v1}, Bearer key): embeddings in OpenAI's shape pass through;
 * rerank is translated, since Voyage's differs from Cohere's in two names ({@code top_k}, {@code data}).
 */
public final class VoyageProvider implements PassThroughApi, RerankTranslating {
    public static final String SLUG = "voyage";

    private final VoyageRerankMapper rerank = new VoyageRerankMapper();
    private final VoyageErrorMapper errors = new VoyageErrorMapper();

    public static ProviderSpec spec() {
        return new ProviderSpec(SLUG, "https://api.voyageai.com/v1", "", AuthScheme.BEARER, EnumSet.of(EMBEDDINGS, RERANK), Set.of(),
                List.of(), new VoyageProvider(), Set.of());
    }

    @Override
    public Endpoint endpoint(Capability capability, ProviderCall call) {
        return OPENAI_COMPATIBLE.endpoint(capability, call);
    }

    @Override
    public RerankTranslator rerank() {
        return rerank;
    }

    @Override
    public ErrorTranslator errors() {
        return errors;
    }
}
