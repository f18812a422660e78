package io.gatehouse.pipeline;

import io.gatehouse.error.GatewayException;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.limits.LimitExceeded;
import io.gatehouse.model.Usage;
import io.gatehouse.routing.ResolvedTarget;
import io.gatehouse.routing.Router;
import io.gatehouse.telemetry.RequestRecord;
import io.gatehouse.telemetry.Telemetry;
import io.gatehouse.upstream.UpstreamRequest;
import io.gatehouse.usage.UsageTap;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The request path's reports to {@link Telemetry}: a request's record begun on arrival, each attempt timed,
 * and the record ended once the answer's body has been written (a stream's last event included), failed,
 * or refused — on the unified routes and the catch-all proxy alike.
 */
public final class ObserveRequest {
    /** Set on answers by the cache: {@code HIT}, {@code MISS}, ... */
    static final String CACHE_STATUS = "x-portkey-cache-status";

    private final Telemetry telemetry;

    public ObserveRequest(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    /** A unified route's request, e.g. on {@code /v1/chat/completions}. */
    RequestRecord unified(String path, RequestHeaders headers, String traceId) {
        return telemetry.begin(route(path), operation(stripPrefix(path, "/v1/")), traceId, headers.first("traceparent"));
    }

    /** A request to the catch-all proxy; its GenAI operation is told by its path when it is a known one. */
    RequestRecord proxied(String path, RequestHeaders headers, String traceId) {
        String operation = operation(stripPrefix(stripPrefix(path, "/v1/"), "proxy/"));
        return telemetry.begin("proxy", operation, traceId, headers.first("traceparent"));
    }

    /** Sends one attempt through {@code send}, timing it. */
    static <S extends Router.Sent> S attempt(RequestRecord record, ResolvedTarget target, UpstreamRequest request,
                                             Supplier<S> send) {
        RequestRecord.Attempt attempt = record.attempt(target.provider().slug(), target.model(), target.optionPath(),
                request.uri().getHost());
        try {
            S sent = send.get();
            attempt.answered(sent.response().status());
            return sent;
        } catch (GatewayException e) {
            attempt.failed(e.code());
            throw e;
        } catch (RuntimeException e) {
            attempt.failed(e.getClass().getName());
            throw e;
        }
    }

    /** Routing is over: the target that answered, and where its usage will be. */
    static void routed(RequestRecord record, Router.Routed<?> routed, UsageTap usage) {
        record.routedTo(routed.target().provider().slug(), routed.target().model());
        record.usageFrom(() -> tokens(usage.usage()), usage::model);
    }

    /** The gateway refused the request, or routing ended without an answer. */
    static void refused(RequestRecord record, GatewayException e) {
        record.failed(e.code());
        if (e instanceof LimitExceeded || e.getCause() instanceof LimitExceeded) {
            record.refusedByLimit(e.code());
        }
    }

    /** The answer, ending the request's record once its body has been written (or has failed). */
    GatewayResponse after(RequestRecord record, GatewayResponse answer) {
        boolean stream = isEventStream(answer.header("Content-Type"));
        record.answered(answer.status(), stream, answer.header(CACHE_STATUS));
        record.hooks(answer.header(CheckGuardrails.OUTCOME_HEADER)); // set where hooks ran
        return new GatewayResponse(answer.status(), answer.headers(), out -> {
            if (stream) {
                telemetry.metrics().streamsInFlight(1);
            }
            try {
                answer.body().writeTo(stream ? new FirstByte(out, record) : out);
            } catch (IOException | RuntimeException e) {
                if (record.errorType() == null) {
                    record.failed(e.getClass().getName());
                }
                throw e;
            } finally {
                if (stream) {
                    telemetry.metrics().streamsInFlight(-1);
                }
                telemetry.end(record);
            }
        });
    }

    private static RequestRecord.Tokens tokens(Usage usage) {
        if (usage == null) {
            return null;
        }
        return new RequestRecord.Tokens(usage.promptTokens(), usage.completionTokens());
    }

    static boolean isEventStream(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    /** A bounded route name from a unified route's path: {@code /v1/responses/resp_1} is {@code responses}. */
    static String route(String path) {
        String p = stripPrefix(path, "/v1/");
        for (String route : new String[] {"chat/completions", "completions", "embeddings", "messages/count_tokens",
                "messages", "responses"}) {
            if (p.equals(route) || p.startsWith(route + "/")) {
                return route.replace('/', '.');
            }
        }
        return "other";
    }

    /** The GenAI operation of an OpenAI- or Anthropic-shaped path; {@code proxy} for any other. */
    static String operation(String pathAfterV1) {
        String route = route("/v1/" + pathAfterV1);
        return switch (route) {
            case "chat.completions", "messages", "responses" -> "chat";
            case "completions" -> "text_completion";
            case "embeddings" -> "embeddings";
            case "messages.count_tokens" -> "count_tokens";
            default -> "proxy";
        };
    }

    private static String stripPrefix(String s, String prefix) {
        return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
    }

    /** Notes when an answer's first body byte is written: a stream's time to first token. */
    private static final class FirstByte extends FilterOutputStream {
        private final RequestRecord record;
        private boolean written;

        FirstByte(OutputStream out, RequestRecord record) {
            super(out);
            this.record = record;
        }

        @Override
        public void write(int b) throws IOException {
            noteFirst();
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > 0) {
                noteFirst();
            }
            out.write(b, off, len);
        }

        private void noteFirst() {
            if (!written) {
                written = true;
                record.firstByteWritten(System.nanoTime());
            }
        }
    }
}
