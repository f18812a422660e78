package io.gatehouse.pipeline;

import io.gatehouse.error.ErrorBody;
import io.gatehouse.error.GatewayException;
import io.gatehouse.model.ClientChat;
import io.gatehouse.model.EmbeddingsRequest;
import io.gatehouse.model.ProviderError;
import io.gatehouse.model.openai.OpenAiResponses;
import io.gatehouse.provider.ChatTranslator;
import io.gatehouse.provider.EmbeddingsTranslator;
import io.gatehouse.provider.ErrorTranslator;
import io.gatehouse.provider.RerankTranslator;
import io.gatehouse.provider.StreamTranslator;
import io.gatehouse.upstream.UpstreamRequest;
import io.gatehouse.upstream.UpstreamResponse;
import io.gatehouse.usage.UsageTap;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * A translated attempt: the provider's request, and what its answer must become for the client. It
 * remembers the client's request because the answer depends on it (the model to report, whether usage
 * was asked for, the client's own format).
 */
public sealed interface Translation extends UnifiedCall permits Translation.Chat, Translation.OpenAiShaped {

    /** The provider's slug, as the client sees it in {@code provider}. */
    String provider();

    /** Reads the provider's error answers. */
    ErrorTranslator errors();

    /** A successful provider JSON answer in the client's format. */
    JsonObject answer(JsonObject nativeBody, long created);

    /** Whether a successful answer is an event stream. */
    boolean streamed();

    /** A provider's error in the client's error shape. */
    JsonObject clientError(ProviderError error, int status);

    /** A gateway error about the answer in the client's error shape. */
    byte[] gatewayError(GatewayException error);

    @Override
    default UpstreamResponse received(UpstreamResponse response) {
        return response.awsEventStreamAsSse();
    }

    @Override
    default GatewayResponse answer(GatewayResponse relayed, UpstreamResponse upstream, Supplier<InputStream> body,
                                   UsageTap usage) {
        return TranslateResponse.answer(relayed, upstream, body, this, usage);
    }

    /**
     * A chat attempt: the canonical request went to the provider through {@code translator} (its own API,
     * or OpenAI's for pass-through providers), the answer comes back through it to the {@code client}'s format.
     */
    record Chat(UpstreamRequest request, String provider, ChatTranslator translator, ErrorTranslator errors,
                ClientChat client) implements Translation {
        @Override
        public JsonObject answer(JsonObject nativeBody, long created) {
            return client.answer(translator.response(nativeBody, client.chat()), provider, created);
        }

        @Override
        public boolean streamed() {
            return client.chat().stream();
        }

        @Override
        public JsonObject clientError(ProviderError error, int status) {
            return client.providerError(error, provider, status);
        }

        @Override
        public byte[] gatewayError(GatewayException error) {
            return client.gatewayError(error);
        }

        StreamTranslator newStream() {
            return translator.stream(client.chat());
        }
    }

    /** An attempt whose client speaks OpenAI's (or Cohere's) JSON, never a stream: errors in OpenAI's shape. */
    sealed interface OpenAiShaped extends Translation permits Embeddings, Rerank {
        @Override
        default boolean streamed() {
            return false;
        }

        @Override
        default JsonObject clientError(ProviderError error, int status) {
            return OpenAiResponses.error(error, provider());
        }

        @Override
        default byte[] gatewayError(GatewayException error) {
            return ErrorBody.of(error);
        }
    }

    record Embeddings(UpstreamRequest request, String provider, ErrorTranslator errors, EmbeddingsTranslator translator,
                      EmbeddingsRequest embeddings) implements OpenAiShaped {
        @Override
        public JsonObject answer(JsonObject nativeBody, long created) {
            return OpenAiResponses.embeddings(translator.response(nativeBody, embeddings), provider, embeddings.model(),
                    embeddings.encodingFormat());
        }
    }

    /** A rerank attempt: Cohere's shape out and back, the provider's own API between. */
    record Rerank(UpstreamRequest request, String provider, ErrorTranslator errors, RerankTranslator translator,
                  JsonObject cohereRequest) implements OpenAiShaped {
        @Override
        public JsonObject answer(JsonObject nativeBody, long created) {
            return translator.response(nativeBody, cohereRequest);
        }
    }
}
