package io.gatehouse.pipeline;

import io.gatehouse.context.RequestContext;
import io.gatehouse.http.GatewayHeaders;
import io.gatehouse.http.Header;
import io.gatehouse.http.HeaderPolicy;
import io.gatehouse.http.LogText;
import io.gatehouse.routing.Router;
import io.gatehouse.routing.RoutingHeaders;
import io.gatehouse.upstream.SseFramer;
import io.gatehouse.upstream.UpstreamResponse;
import io.gatehouse.usage.EventUsage;
import io.gatehouse.usage.TopLevelMembers;
import io.gatehouse.usage.UsageTap;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stage 4: the upstream's answer back to the client. Status and allowed headers pass through with the
 * gateway's own added: trace id, the routing headers ({@link RoutingHeaders}) and Server-Timing. Bodies
 * are read through {@link Router.Routed#body()}, which replays what routing already read of a stream. Event streams are relayed event by event, each flushed as it arrives; a stream
 * that breaks (or ends without {@code [DONE]}) ends with an explicit error event, never a clean end.
 * Other bodies are copied and flushed as they arrive. If the client goes away, the upstream call is aborted.
 */
public final class RelayResponse {
    private static final Logger LOG = Logger.getLogger(RelayResponse.class.getName());
    private static final int BUFFER = 16 * 1024;
    /** Per stream in flight: events are small, and thousands of streams may be open at once. */
    private static final int EVENT_BUFFER = 4 * 1024;

    private RelayResponse() {
    }

    /**
     * @param usage           where the answer's usage is reported as it passes
     * @param dropUsageChunk  whether OpenAI's usage-only chunk is the gateway's own request, not the client's,
     *                        so it is read but not relayed
     * @param end             how a complete stream ends in the answer's API, and what ends a broken one
     */
    public static GatewayResponse relay(RequestContext ctx, Router.Routed<?> routed, String serverTiming, UsageTap usage,
                                        boolean dropUsageChunk, StreamEnd end) {
        UpstreamResponse upstream = routed.response();
        boolean eventStream = upstream.status() / 100 == 2 && upstream.isEventStream();
        GatewayResponse.BodyWriter body = eventStream
                ? out -> relayEvents(ctx.traceId(), routed, out, end, usage, dropUsageChunk)
                : out -> relayBytes(ctx.traceId(), routed, out, usage);
        return new GatewayResponse(upstream.status(), headers(ctx, routed, serverTiming, !eventStream), body);
    }

    /**
     * The proxy's relay: the upstream's body byte for byte whatever its type (JSON, binary, SSE), each
     * read flushed to the client as it arrives; a body that breaks off is cut off, never completed.
     */
    public static GatewayResponse passThrough(RequestContext ctx, Router.Routed<?> routed, String serverTiming, UsageTap usage) {
        UpstreamResponse upstream = routed.response();
        return new GatewayResponse(upstream.status(), headers(ctx, routed, serverTiming, true),
                out -> relayBytes(ctx.traceId(), routed, out, usage));
    }

    private static List<Header> headers(RequestContext ctx, Router.Routed<?> routed, String serverTiming,
                                        boolean bodyUnchanged) {
        List<Header> headers = new ArrayList<>(HeaderPolicy.downstreamHeaders(routed.response().headers(), bodyUnchanged));
        headers.add(new Header(GatewayHeaders.TRACE_ID, ctx.traceId()));
        headers.addAll(RoutingHeaders.of(routed));
        headers.add(new Header("Server-Timing", serverTiming));
        return headers;
    }

    /**
     * Relays an event stream event by event.
     *
     * @param end which event completes the stream ({@code data: [DONE]} for OpenAI chat and completions);
     *            a stream that ends without it ends with the API's error event
     */
    static void relayEvents(String traceId, Router.Routed<?> routed, OutputStream out, StreamEnd end, UsageTap usage,
                            boolean dropUsageChunk) throws IOException {
        UpstreamResponse upstream = routed.response();
        SseFramer framer = new SseFramer();
        byte[] buffer = new byte[EVENT_BUFFER];
        boolean[] complete = {false};
        SseFramer.EventSink relay = (b, off, len) -> {
            if (!EventUsage.observe(b, off, len, usage) || !dropUsageChunk) {
                out.write(b, off, len);
            }
            complete[0] |= end.isFinal(b, off, len);
        };
        try (InputStream in = routed.body()) {
            int n;
            while ((n = readUpstream(in, buffer)) != -1) {
                framer.feed(buffer, 0, n, relay);
                out.flush();
            }
            framer.finish(relay);
            if (!complete[0]) {
                endWithError(out, end, "The upstream stream ended before it was complete");
            }
            out.flush();
            upstream.close();
        } catch (UpstreamReadException | SseFramer.EventTooLargeException e) {
            logBreak(traceId, "upstream stream broke", e.getCause() == null ? e : e.getCause());
            upstream.abort();
            try {
                endWithError(out, end, "The upstream connection broke before the stream was complete");
            } catch (IOException clientGone) {
                // nobody left to tell
            }
        } catch (IOException clientGone) {
            // Writing to the client failed: it disconnected. Stop the upstream's work too.
            LOG.log(Level.FINE, "trace {0}: client went away mid-stream", traceId);
            upstream.abort();
        }
    }

    /** Reads from the upstream, telling its failures apart from the client's. */
    private static int readUpstream(InputStream in, byte[] buffer) throws UpstreamReadException {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new UpstreamReadException(e);
        }
    }

    /**
     * A body the upstream declared small gets a buffer its size (plus one byte, so the read that meets the end
     * needs no second call); typical JSON answers are a few hundred bytes, and a zeroed 16 KiB array per
     * request was a visible share of the gateway's allocation and CPU.
     */
    static int bufferFor(UpstreamResponse upstream) {
        long declared = upstream.contentLength();
        return declared >= 0 && declared < BUFFER ? (int) declared + 1 : BUFFER;
    }

    static void relayBytes(String traceId, Router.Routed<?> routed, OutputStream out, UsageTap usage) throws IOException {
        UpstreamResponse upstream = routed.response();
        byte[] buffer = new byte[bufferFor(upstream)];
        UsageReader reader = UsageReader.of(upstream, usage);
        try (InputStream in = routed.body()) {
            while (true) {
                int n;
                try {
                    n = readUpstream(in, buffer);
                } catch (UpstreamReadException e) {
                    logBreak(traceId, "upstream body broke", e.getCause());
                    upstream.abort();
                    // Propagate so the container cuts the connection: the client must see a truncated body.
                    throw new UpstreamBodyBrokenException(e);
                }
                if (n == -1) {
                    break;
                }
                out.write(buffer, 0, n);
                out.flush();
                reader.feed(buffer, n);
            }
            reader.finish();
            upstream.close();
        } catch (UpstreamBodyBrokenException e) {
            throw e;
        } catch (IOException clientGone) {
            upstream.abort();
        }
    }

    /**
     * Learns a relayed body's usage without changing a byte of it: a successful JSON answer's top-level
     * {@code usage} and {@code model}, or a successful event stream's usage events. Other bodies are not read.
     */
    private interface UsageReader {
        UsageReader NONE = new UsageReader() {
            @Override
            public void feed(byte[] buffer, int length) {
            }

            @Override
            public void finish() {
            }
        };

        void feed(byte[] buffer, int length) throws IOException;

        void finish() throws IOException;

        static UsageReader of(UpstreamResponse upstream, UsageTap usage) {
            if (upstream.status() / 100 != 2) {
                return NONE;
            }
            if (upstream.isEventStream()) {
                SseFramer framer = new SseFramer();
                SseFramer.EventSink observe = (b, off, len) -> EventUsage.observe(b, off, len, usage);
                return new UsageReader() {
                    @Override
                    public void feed(byte[] buffer, int length) throws IOException {
                        framer.feed(buffer, 0, length, observe);
                    }

                    @Override
                    public void finish() throws IOException {
                        framer.finish(observe);
                    }
                };
            }
            String type = upstream.header("content-type");
            if (type == null || !type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
                return NONE;
            }
            TopLevelMembers members = new TopLevelMembers(java.util.Set.of("usage", "model"));
            return new UsageReader() {
                @Override
                public void feed(byte[] buffer, int length) {
                    members.feed(buffer, 0, length);
                }

                @Override
                public void finish() {
                    EventUsage.observeAnswer(members, usage);
                }
            };
        }
    }

    private static void endWithError(OutputStream out, StreamEnd end, String message) throws IOException {
        out.write(end.interrupted(message));
        out.flush();
    }

    /** Reading the upstream's body failed (reset, timeout), as opposed to writing to the client. */
    static final class UpstreamReadException extends IOException {
        private static final long serialVersionUID = 1L;

        UpstreamReadException(IOException cause) {
            super(cause);
        }
    }

    /** The upstream failed after the response was committed; the client connection must be cut. */
    public static final class UpstreamBodyBrokenException extends IOException {
        private static final long serialVersionUID = 1L;

        UpstreamBodyBrokenException(IOException cause) {
            super("upstream body broke mid-transfer", cause);
        }
    }

    /**
     * A call whose client hung up is interrupted (see {@code api.CallThreads}), which closes its upstream socket:
     * that break is the client leaving, not the upstream failing.
     */
    private static void logBreak(String traceId, String what, Throwable cause) {
        if (Thread.currentThread().isInterrupted()) {
            LOG.log(Level.FINE, "trace {0}: client went away; upstream call closed", traceId);
        } else {
            LOG.log(Level.INFO, "trace {0}: {1}: {2}", new Object[] {LogText.of(traceId), what, LogText.of(cause)});
        }
    }
}
