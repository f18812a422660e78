package io.gatehouse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatehouse.access.Caller;
import io.gatehouse.access.GatewayKey;
import io.gatehouse.access.Limits;
import io.gatehouse.access.ModelNames;
import io.gatehouse.context.RequestContext;
import io.gatehouse.http.Header;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.limits.Admission;
import io.gatehouse.limits.JCacheCounters;
import io.gatehouse.limits.LimitExceeded;
import io.gatehouse.model.Usage;
import io.gatehouse.provider.ProviderRegistry;
import io.gatehouse.routing.ResolvedTarget;
import io.gatehouse.routing.Router;
import io.gatehouse.usage.Pricing;
import io.gatehouse.usage.UsageTap;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an answer is charged: the provider's usage when it came, else what was relayed (issue 14 item 6). */
class RecordUsageTest {
    private final JCacheCounters counters = JCacheCounters.create(JCacheCounters.EHCACHE);
    private final Admission admission = new Admission(counters, () -> Instant.parse("2026-12-04T10:00:00Z"));
    private final RecordUsage recordUsage = new RecordUsage(() -> Pricing.NONE, admission);
    /** A key allowed 3 tokens a minute. */
    private final GatewayKey key = new GatewayKey("record-usage-" + System.nanoTime(), new byte[32], null, ModelNames.ANY, true,
            new Limits(null, 3L, Duration.ofSeconds(60), List.of()), Map.of());
    private final RequestContext ctx = new RequestContext("trace-1", "openai", null, null, null, Map.of(), null, null,
            RequestHeaders.of(Map.of()), new Caller(key));
    private final ResolvedTarget target = new ResolvedTarget(ProviderRegistry.defaults().resolve("openai"), null, null, null,
            null, null, "config");

    @AfterEach
    void close() {
        counters.close();
    }

    @Test
    void aClientThatLeavesBeforeTheUsageChunkIsChargedWhatWasRelayed() {
        GatewayResponse stream = new GatewayResponse(200, List.of(new Header("Content-Type", "text/event-stream")), out -> {
            for (String token : List.of("Once", " upon", " a")) {
                out.write(("data: {\"choices\":[{\"delta\":{\"content\":\"" + token + "\"}}]}\n\n").getBytes(StandardCharsets.UTF_8));
            }
            throw new IOException("the client went away before the usage chunk");
        });
        GatewayResponse answer = recordUsage.after(ctx, new Router.Routed<>(target, null, 0, null), new UsageTap(), stream);
        assertThrows(IOException.class, () -> answer.body().writeTo(OutputStream.nullOutputStream()));
        assertThrows(LimitExceeded.class, () -> admission.admit(ctx.caller()), "3 relayed events charged as 3 tokens");
    }

    @Test
    void theProvidersUsageWinsOverTheEstimate() {
        UsageTap tap = new UsageTap();
        tap.report(Usage.of(7, 2));
        Usage charged = RecordUsage.charged(tap, 200, Usage.of(0, 40));
        assertEquals(Usage.of(7, 2), charged);
        assertEquals(RecordUsage.UsageSource.PROVIDER, RecordUsage.source(tap, charged));
    }

    @Test
    void withoutAReportTheRelayedEstimateIsChargedAndSaidToBeOne() {
        UsageTap tap = new UsageTap();
        Usage charged = RecordUsage.charged(tap, 200, Usage.of(0, 40));
        assertEquals(40, charged.completionTokens());
        assertEquals(RecordUsage.UsageSource.ESTIMATE, RecordUsage.source(tap, charged));
        assertNull(RecordUsage.charged(tap, 502, Usage.of(0, 40)), "a failed answer is not charged");
        assertEquals(RecordUsage.UsageSource.NONE, RecordUsage.source(tap, null));
    }

    @Test
    void theEstimateCountsEventsOfAStreamAndBytesOfAnythingElse() throws IOException {
        RecordUsage.Relayed relayed = new RecordUsage.Relayed(OutputStream.nullOutputStream());
        relayed.write("data: a\n\ndata: b\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(3, relayed.estimate(true).completionTokens());
        assertEquals(8, relayed.estimate(false).completionTokens(), "31 bytes, a token per 4");
    }
}
