package io.gatehouse.provider.bedrock;

import static io.gatehouse.provider.Capability.CHAT_COMPLETIONS;
import static io.gatehouse.provider.Capability.EMBEDDINGS;
import static io.gatehouse.provider.Capability.RERANK;

import io.gatehouse.provider.AuthScheme;
import io.gatehouse.provider.ChatTranslator;
import io.gatehouse.provider.EmbeddingsTranslating;
import io.gatehouse.provider.EmbeddingsTranslator;
import io.gatehouse.provider.ErrorTranslator;
import io.gatehouse.provider.ProviderSpec;
import io.gatehouse.provider.RerankTranslating;
import io.gatehouse.provider.RerankTranslator;
import io.gatehouse.provider.TranslatingApi;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * AWS Bedrock: chat through the Converse API for every model family, embeddings (Titan, Cohere) through
 * InvokeModel, rerank through the Agent Runtime's Rerank API, at the region's endpoints or a custom host
 * (a VPC endpoint), authenticated as {@link BedrockRequests} says (SigV4 or a Bedrock API key). Anthropic
 * Messages and OpenAI Responses clients reach it through the canonical chat model. It has no one base URL
 * (the region decides), so the catch-all proxy reaches it only through a custom host, and unsigned.
 */
public final class BedrockProvider implements TranslatingApi, EmbeddingsTranslating, RerankTranslating {
    public static final String SLUG = "bedrock";

    private final BedrockErrorMapper errors = new BedrockErrorMapper();
    private final BedrockChatMapper chat;
    private final BedrockEmbeddingsMapper embeddings;
    private final BedrockRerankMapper rerank;

    BedrockProvider(BedrockRequests requests) {
        this.chat = new BedrockChatMapper(requests, errors);
        this.embeddings = new BedrockEmbeddingsMapper(requests);
        this.rerank = new BedrockRerankMapper(requests);
    }

    public static ProviderSpec spec() {
        return new ProviderSpec(SLUG, null, "", AuthScheme.BEARER, EnumSet.of(CHAT_COMPLETIONS, EMBEDDINGS, RERANK),
                Set.of(), List.of(), new BedrockProvider(new BedrockRequests(AwsCredentialChain.ofProcess(), Clock.systemUTC())),
                Set.of());
    }

    /** Always reachable: without a custom host, the region's endpoint. */
    @Override
    public void requireReachable(ProviderSpec spec, String customHostOrNull) {
        // nothing to refuse
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
    public RerankTranslator rerank() {
        return rerank;
    }

    @Override
    public ErrorTranslator errors() {
        return errors;
    }
}
