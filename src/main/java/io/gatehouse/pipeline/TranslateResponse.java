package io.gatehouse.pipeline;

import io.gatehouse.config.MemoryLimits;
import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;
import io.gatehouse.http.Header;
import io.gatehouse.http.LogText;
import io.gatehouse.model.ChatResponse;
import io.gatehouse.model.ClientStream;
import io.gatehouse.model.Json;
import io.gatehouse.model.ProviderError;
import io.gatehouse.provider.ErrorTranslator;
import io.gatehouse.provider.StreamTranslator;
import io.gatehouse.upstream.HeapBudget;
import io.gatehouse.upstream.UpstreamResponse;
import io.gatehouse.usage.UsageJson;
import io.gatehouse.usage.UsageTap;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stage 4b: a translated provider's answer (or an Azure OpenAI error) back to the client in the client's
 * own format (OpenAI Chat Completions, Anthropic Messages, OpenAI Responses). Status and headers are
 * those {@link RelayResponse} built (upstream status kept, the gateway's headers added); the body is
 * mapped: an error to the client's error shape, a JSON answer to the client's JSON, a stream event by
 * event to the client's events ({@code chat.completion.chunk} for OpenAI chat), each flushed as it is written. A stream that breaks or ends early
 * ends with an explicit error event, never a clean-looking end.
 */
final class TranslateResponse {
    private static final Logger LOG = Logger.getLogger(TranslateResponse.class.getName());
    /**
     * While it is mapped an answer is held about this many times over: its bytes, the parsed tree, the
     * mapped text and its bytes. Its share of {@link HeapBudget#ANSWERS} is counted so.
     */
    static final int COPIES_WHILE_MAPPED = 4;
    /** Error bodies are short; only this much is kept of a longer one. */
    static final int MAX_ERROR_BYTES = 64 * 1024;
    private static final Set<String> BODY_HEADERS = Set.of("content-type", "content-length", "content-encoding");

    private TranslateResponse() {
    }

    static GatewayResponse answer(GatewayResponse relayed, UpstreamResponse upstream, Supplier<InputStream> upstreamBody,
                                  Translation translation, UsageTap usage) {
        int status = upstream.status();
        if (status / 100 != 2) {
            return error(relayed, upstream, upstreamBody, translation.errors(), translation::clientError);
        }
        if (translation.streamed() && translation instanceof Translation.Chat chat) {
            if (upstream.isReplayedWholeAnswer()) {
                return streamFromWholeAnswer(relayed, upstream, upstreamBody, chat, usage);
            }
            return withBody(relayed, status, "text/event-stream",
                    out -> relayStream(upstream, upstreamBody, out, chat, chat.newStream(), usage));
        }
        return mapped(relayed, status, upstream, upstreamBody, translation, usage,
                MemoryLimits.OF_THIS_HEAP.answerBytes(), HeapBudget.ANSWERS);
    }

    /** A JSON answer read whole (at most {@code maxBytes}, and what {@code budget} grants) and mapped. */
    static GatewayResponse mapped(GatewayResponse relayed, int status, UpstreamResponse upstream, Supplier<InputStream> upstreamBody,
                                  Translation translation, UsageTap usage, int maxBytes, HeapBudget budget) {
        byte[] body = readCharged(upstream, upstreamBody, maxBytes, budget);
        try {
            return mapped(relayed, status, body, translation, usage);
        } finally {
            budget.giveBack((long) COPIES_WHILE_MAPPED * body.length);
        }
    }

    private static GatewayResponse mapped(GatewayResponse relayed, int status, byte[] body, Translation translation, UsageTap usage) {
        JsonObject mapped;
        try {
            mapped = translation.answer(object(body), System.currentTimeMillis() / 1000);
        } catch (JsonException | ClassCastException | IllegalStateException | NullPointerException e) {
            return invalidAnswer(relayed, translation, body, e);
        }
        if (mapped.get("usage") instanceof JsonObject reported) {
            usage.report(UsageJson.read(reported));
        }
        usage.reportModel(mapped.getString("model", null));
        return json(relayed, status, mapped.toString());
    }

    private static JsonObject object(byte[] body) {
        JsonValue parsed = Json.parse(body, 0, body.length);
        if (parsed.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new JsonException("not a JSON object");
        }
        return parsed.asJsonObject();
    }

    private static GatewayResponse invalidAnswer(GatewayResponse relayed, Translation translation, byte[] body, RuntimeException e) {
        LOG.log(Level.INFO, "{0} answered 2xx with a body that could not be mapped: {1}",
                new Object[] {translation.provider(), LogText.of(e)});
        GatewayException invalid = new GatewayException(ErrorType.UPSTREAM_UNREACHABLE, 502, "invalid_upstream_response",
                "Invalid response received from " + translation.provider() + ": " + excerpt(body), null);
        return json(relayed, invalid.status(), translation.gatewayError(invalid));
    }

    /**
     * A whole JSON answer for a client that asked for a stream — one the response cache kept for the same
     * request unstreamed — written as the client's stream: the same events a provider's stream of that answer
     * would give, its terminator included.
     */
    private static GatewayResponse streamFromWholeAnswer(GatewayResponse relayed, UpstreamResponse upstream,
                                                         Supplier<InputStream> upstreamBody, Translation.Chat chat,
                                                         UsageTap usage) {
        byte[] body = read(upstream, upstreamBody, MemoryLimits.OF_THIS_HEAP.answerBytes(), false);
        ChatResponse answer;
        try {
            answer = chat.translator().response(object(body), chat.client().chat());
        } catch (JsonException | ClassCastException | IllegalStateException | NullPointerException e) {
            return invalidAnswer(relayed, chat, body, e);
        }
        usage.reportModel(answer.model());
        return withBody(relayed, upstream.status(), "text/event-stream", out -> {
            ClientStream writer = chat.client().stream(out, chat.provider(), System.currentTimeMillis() / 1000);
            try {
                WholeAnswerEvents.write(answer, writer);
            } finally {
                usage.report(writer.reportedUsage());
            }
        });
    }

    /** How a provider's error is written in the client's error shape. */
    @FunctionalInterface
    interface ClientErrorShape {
        JsonObject of(ProviderError error, int status);
    }

    /** A provider's error answer in the client's error shape, its status kept. */
    static GatewayResponse error(GatewayResponse relayed, UpstreamResponse upstream, Supplier<InputStream> body,
                                 ErrorTranslator errors, ClientErrorShape shape) {
        int status = upstream.status();
        ProviderError error = providerError(errors, status, read(upstream, body, MAX_ERROR_BYTES, true));
        return json(relayed, status, shape.of(error, status).toString());
    }

    /** The provider's error in OpenAI's fields; a body that is not JSON becomes the message. */
    private static ProviderError providerError(ErrorTranslator errors, int status, byte[] body) {
        try {
            JsonValue parsed = Json.parse(body, 0, body.length);
            if (parsed.getValueType() == JsonValue.ValueType.OBJECT) {
                return errors.error(status, parsed.asJsonObject());
            }
        } catch (JsonException e) {
            // not JSON: falls through to the raw text
        }
        String text = excerpt(body);
        return new ProviderError(text.isBlank() ? "HTTP " + status : text, ProviderError.typeForStatus(status), null, null);
    }

    static void relayStream(UpstreamResponse upstream, Supplier<InputStream> body, OutputStream out, Translation.Chat chat,
                            StreamTranslator mapper, UsageTap usage) {
        ClientStream writer = chat.client().stream(out, chat.provider(), System.currentTimeMillis() / 1000);
        try (InputStream in = body.get()) {
            if (TranslateStream.pump(in, writer, mapper) == TranslateStream.UpstreamEnd.COMPLETE) {
                upstream.close();
            } else {
                LOG.log(Level.INFO, "{0} stream ended with an error event or broke", chat.provider());
                upstream.abort();
            }
        } catch (IOException clientGone) {
            // Writing to the client failed: it disconnected. Stop the upstream's work too.
            upstream.abort();
        } finally {
            // Whatever the provider reported before the stream ended counts, the client asked for it or not.
            usage.report(writer.reportedUsage());
        }
    }

    private static GatewayResponse json(GatewayResponse relayed, int status, String json) {
        return json(relayed, status, json.getBytes(StandardCharsets.UTF_8));
    }

    private static GatewayResponse json(GatewayResponse relayed, int status, byte[] bytes) {
        return withBody(relayed, status, "application/json", out -> out.write(bytes));
    }

    /** The relayed status line and headers, with the body (and its type) replaced by the translated one. */
    private static GatewayResponse withBody(GatewayResponse relayed, int status, String contentType,
                                            GatewayResponse.BodyWriter body) {
        List<Header> headers = new ArrayList<>(relayed.headers().size() + 1);
        for (Header h : relayed.headers()) {
            if (!BODY_HEADERS.contains(h.name().toLowerCase(Locale.ROOT))) {
                headers.add(h);
            }
        }
        headers.add(new Header("Content-Type", contentType));
        return new GatewayResponse(status, headers, body);
    }

    /**
     * Reads the whole answer, taking {@link #COPIES_WHILE_MAPPED} times its bytes from {@code budget} as they
     * come; the caller gives them back. Past {@code max} bytes it is refused with a 502, and when the budget
     * is spent (other calls hold the heap) with a 503.
     */
    private static byte[] readCharged(UpstreamResponse upstream, Supplier<InputStream> body, int max, HeapBudget budget) {
        long[] taken = {0};
        try {
            return read(upstream, body, max, false, n -> {
                if (!budget.tryTake((long) COPIES_WHILE_MAPPED * n)) {
                    upstream.abort();
                    throw new GatewayException(ErrorType.OVERLOADED, 503, "gateway_memory_busy",
                            "The gateway holds as many answers as its memory allows; try again shortly", null);
                }
                taken[0] += (long) COPIES_WHILE_MAPPED * n;
            });
        } catch (RuntimeException refused) {
            budget.giveBack(taken[0]);
            throw refused;
        }
    }

    /** Told of each chunk of an answer before it is kept; refuses by throwing. */
    @FunctionalInterface
    private interface ChunkCharge {
        void charge(int bytes);
    }

    /** Reads the whole answer; past {@code max} bytes it is cut ({@code truncate}) or refused. */
    private static byte[] read(UpstreamResponse upstream, Supplier<InputStream> body, int max, boolean truncate) {
        return read(upstream, body, max, truncate, n -> { });
    }

    private static byte[] read(UpstreamResponse upstream, Supplier<InputStream> body, int max, boolean truncate, ChunkCharge charge) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] chunk = new byte[8192];
        try (InputStream in = body.get()) {
            int n;
            while ((n = in.read(chunk)) != -1) {
                if (out.size() + n > max) {
                    out.write(chunk, 0, max - out.size());
                    upstream.abort();
                    if (truncate) {
                        return out.toByteArray();
                    }
                    throw new GatewayException(ErrorType.UPSTREAM_UNREACHABLE, 502, "upstream_answer_too_large",
                            "The upstream answer is larger than this gateway translates (" + max + " bytes, sized to its heap)", null);
                }
                charge.charge(n);
                out.write(chunk, 0, n);
            }
        } catch (IOException e) {
            upstream.abort();
            throw new GatewayException(ErrorType.UPSTREAM_UNREACHABLE, 502, "upstream_connection_failed",
                    "The upstream connection broke before its answer was complete", e);
        }
        upstream.close();
        return out.toByteArray();
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() > 1000 ? text.substring(0, 1000) + "…" : text;
    }
}
