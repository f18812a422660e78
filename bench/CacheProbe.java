import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The cache benchmark's client, run with `java CacheProbe.java GATEHOUSE_URL FAKE_URL N`: one connection,
 * requests one after another, timing each from send to the last body byte. Series: simple-mode misses
 * (every prompt new) and hits (one prompt repeated), then semantic misses (unrelated prompts, each embedded)
 * and semantic hits (near-duplicates of one prompt: case, punctuation, a word). Prints a Markdown table.
 */
public final class CacheProbe {
    private static final String[] TOPICS = {"tides", "volcanoes", "compilers", "bread", "glaciers", "jazz", "bees",
            "orbits", "rust", "tea", "chess", "maps", "ferns", "radar", "silk", "owls", "dunes", "ink", "kelp", "opals"};

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        String fake = args[1];
        int n = Integer.parseInt(args[2]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        long nonce = System.nanoTime();

        // Warm-up: the JIT, the connection, the embedding model's load (timed: first use only).
        for (int i = 0; i < 50; i++) {
            call(http, gateway, fake, "simple", "warm " + i + " " + nonce, "MISS");
            call(http, gateway, fake, "simple", "warm 0 " + nonce, "HIT");
        }
        long load = call(http, gateway, fake, "semantic", "What is the first semantic question " + nonce + "?", "SEMANTIC MISS");

        double[] miss = new double[n];
        double[] hit = new double[n];
        double[] semanticMiss = new double[n];
        double[] semanticHit = new double[n];
        for (int i = 0; i < n; i++) {
            miss[i] = call(http, gateway, fake, "simple", "Question " + i + " " + nonce, "MISS") / 1e6;
        }
        call(http, gateway, fake, "simple", "The repeated question " + nonce, "MISS");
        for (int i = 0; i < n; i++) {
            hit[i] = call(http, gateway, fake, "simple", "The repeated question " + nonce, "HIT") / 1e6;
        }
        for (int i = 0; i < n; i++) {
            String prompt = "Tell me about " + TOPICS[i % TOPICS.length] + " and " + TOPICS[(i * 7 + 3) % TOPICS.length]
                    + " in case " + i + " of " + nonce;
            semanticMiss[i] = call(http, gateway, fake, "semantic", prompt, "SEMANTIC MISS") / 1e6;
        }
        String base = "What is the capital of France? " + nonce;
        call(http, gateway, fake, "semantic", base, null);
        String[] near = {"what is the capital of france " + nonce, "What's the capital of France? " + nonce,
                "WHAT IS THE CAPITAL OF FRANCE " + nonce, "What is the capital of France, please? " + nonce};
        for (int i = 0; i < n; i++) {
            semanticHit[i] = call(http, gateway, fake, "semantic", near[i % near.length], "SEMANTIC HIT") / 1e6;
        }
        System.out.printf("first semantic request (loads the embedding model): %.0f ms%n%n", load / 1e6);
        System.out.println("| series | requests | mean ms | p50 ms | p90 ms | p99 ms |");
        System.out.println("|---|---|---|---|---|---|");
        row("simple MISS (upstream called)", miss);
        row("simple HIT", hit);
        row("SEMANTIC MISS (embed + scan + upstream)", semanticMiss);
        row("SEMANTIC HIT (embed + scan)", semanticHit);
    }

    /** One chat request; checks the cache status; returns its time in ns. */
    private static long call(HttpClient http, String gateway, String fake, String mode, String prompt, String expected)
            throws Exception {
        String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer sk-bench")
                .header("x-portkey-provider", "openai")
                .header("x-portkey-custom-host", fake + "/v1")
                .header("x-portkey-cache", mode)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long took = System.nanoTime() - start;
        String status = response.headers().firstValue("x-portkey-cache-status").orElse("none");
        if (response.statusCode() != 200 || expected != null && !expected.equals(status)) {
            throw new IllegalStateException("'" + prompt + "': " + response.statusCode() + " " + status + ", expected "
                    + expected + ": " + new String(response.body()));
        }
        return took;
    }

    private static void row(String name, double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        System.out.printf("| %s | %d | %.2f | %.2f | %.2f | %.2f |%n", name, sorted.length, mean,
                pct(sorted, 50), pct(sorted, 90), pct(sorted, 99));
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
