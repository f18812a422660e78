package io.gatehouse.pipeline;

import io.gatehouse.model.openai.OpenAiResponses;
import io.gatehouse.provider.ErrorTranslator;
import io.gatehouse.upstream.UpstreamRequest;
import io.gatehouse.upstream.UpstreamResponse;
import io.gatehouse.usage.UsageTap;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * One attempt of a unified route: the request that goes upstream, and how its answer reaches the client.
 * Providers that speak the client's API pass both through untouched; the others are translated
 * ({@link Translation}).
 */
public sealed interface UnifiedCall permits UnifiedCall.PassThrough, UnifiedCall.PassThroughTranslatingErrors, Translation {

    UpstreamRequest request();

    /**
     * The upstream answer as this call reads it: as it came, except that a translated call reads an AWS
     * event-stream (Bedrock's) as Server-Sent Events, like every other provider's stream.
     */
    default UpstreamResponse received(UpstreamResponse response) {
        return response;
    }

    /** How the answer's event stream ends, when it is relayed unchanged. */
    default StreamEnd streamEnd() {
        return StreamEnd.OPENAI_CHAT;
    }

    /**
     * The client's answer.
     *
     * @param relayed  the upstream answer as relayed unchanged, with the gateway's headers
     * @param upstream the upstream answer itself: status, headers, close and abort
     * @param body     its body from the first byte (what routing may already have read of it included)
     */
    GatewayResponse answer(GatewayResponse relayed, UpstreamResponse upstream, Supplier<InputStream> body, UsageTap usage);

    /**
     * Whether the gateway asked the provider for a stream's usage chunk on the client's behalf
     * ({@code stream_options.include_usage}), so the relay reads that chunk but does not pass it on.
     */
    default boolean askedForUsage() {
        return false;
    }

    /**
     * The client's bytes upstream (with the usage request when the gateway added one), the upstream's bytes back.
     *
     * @param streamEnd how the answer's API ends its event streams
     */
    record PassThrough(UpstreamRequest request, boolean askedForUsage, StreamEnd streamEnd) implements UnifiedCall {
        /** An OpenAI Chat Completions (or completions) call. */
        public PassThrough(UpstreamRequest request, boolean askedForUsage) {
            this(request, askedForUsage, StreamEnd.OPENAI_CHAT);
        }

        @Override
        public GatewayResponse answer(GatewayResponse relayed, UpstreamResponse upstream, Supplier<InputStream> body,
                                      UsageTap usage) {
            return relayed;
        }
    }

    /**
     * The client's bytes upstream, the upstream's answer back unchanged unless it is an error, which takes
     * OpenAI's error shape with the provider's name (Azure OpenAI).
     */
    record PassThroughTranslatingErrors(UpstreamRequest request, String provider, ErrorTranslator errors,
                                        StreamEnd streamEnd) implements UnifiedCall {
        public PassThroughTranslatingErrors(UpstreamRequest request, String provider, ErrorTranslator errors) {
            this(request, provider, errors, StreamEnd.OPENAI_CHAT);
        }

        @Override
        public GatewayResponse answer(GatewayResponse relayed, UpstreamResponse upstream, Supplier<InputStream> body,
                                      UsageTap usage) {
            return upstream.status() / 100 == 2 ? relayed
                    : TranslateResponse.error(relayed, upstream, body, errors, (error, status) -> OpenAiResponses.error(error, provider));
        }
    }
}
