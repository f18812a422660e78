package io.gatehouse.pipeline;

import io.gatehouse.model.ChatRequest;
import io.gatehouse.model.EmbeddingsRequest;
import io.gatehouse.model.openai.OpenAiResponses;
import io.gatehouse.provider.EmbeddingsTranslator;
import io.gatehouse.provider.StreamTranslator;
import io.gatehouse.provider.TranslatingApi;
import io.gatehouse.upstream.UpstreamRequest;
import io.gatehouse.upstream.UpstreamResponse;
import io.gatehouse.usage.UsageTap;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * A translated attempt: the native request, and what the native answer must become. It remembers the
 * canonical request because the answer depends on it (the model to report, whether usage was asked for).
 */
public sealed interface Translation extends UnifiedCall permits Translation.Chat, Translation.Embeddings {

    /** The provider's slug, as the client sees it in {@code provider}. */
    String provider();

    TranslatingApi api();

    /** A successful native JSON answer as OpenAI's JSON. */
    JsonObject answer(JsonObject nativeBody, long created);

    /** Whether a successful answer is an event stream. */
    boolean streamed();

    @Override
    default GatewayResponse answer(GatewayResponse relayed, UpstreamResponse upstream, Supplier<InputStream> body,
                                   UsageTap usage) {
        return TranslateResponse.answer(relayed, upstream, body, this, usage);
    }

    record Chat(UpstreamRequest request, String provider, TranslatingApi api, ChatRequest chat) implements Translation {
        @Override
        public JsonObject answer(JsonObject nativeBody, long created) {
            return OpenAiResponses.chatCompletion(api.chat().response(nativeBody, chat), provider, chat.model(), created);
        }

        @Override
        public boolean streamed() {
            return chat.stream();
        }

        StreamTranslator newStream() {
            return api.chat().stream(chat);
        }
    }

    record Embeddings(UpstreamRequest request, String provider, TranslatingApi api, EmbeddingsTranslator translator,
                      EmbeddingsRequest embeddings) implements Translation {
        @Override
        public JsonObject answer(JsonObject nativeBody, long created) {
            return OpenAiResponses.embeddings(translator.response(nativeBody, embeddings), provider, embeddings.model(),
                    embeddings.encodingFormat());
        }

        @Override
        public boolean streamed() {
            return false;
        }
    }
}
