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
 * requests one after another, timing each from send to the last body byte. Each series stops after N requests
 * or 9 s, whichever comes first (the warm-up after 6 s), so the measured part stays within 45 s on a busy machine. Series: simple-mode misses
 * (every prompt new) and hits (one prompt repeated), then semantic misses (unrelated prompts, each embedded)
 * and semantic hits (near-duplicates of one prompt: case, punctuation, a word). Prints a Markdown table.
 */
public final class CacheProbe {
    /** Semantic misses are word salads from this list: unrelated to each other, unlike prompts from one template. */
    private static final String[] WORDS = ("tides volcanoes compilers bread glaciers jazz bees orbits rust tea chess maps "
            + "ferns radar silk owls dunes ink kelp opals violin tax harbour lemon quantum saddle prism tundra yeast "
            + "ballot copper mantis sonnet rivet lagoon ember walrus cipher meadow turbine velvet comet fossil pepper "
            + "anchor pulley marble cactus glider ledger nectar parrot quarry reef spindle thimble umbra vortex wharf").split(" ");

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        String fake = args[1];
        int n = Integer.parseInt(args[2]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        long nonce = System.nanoTime();

        // Warm-up: the JIT, the connection, the embedding model's load (timed: first use only).
        long warmUntil = System.nanoTime() + 6_000_000_000L;
        for (int i = 0; i < 50 && System.nanoTime() < warmUntil; i++) {
            call(http, gateway, fake, "simple", "warm " + i + " " + nonce, "MISS");
            call(http, gateway, fake, "simple", "warm 0 " + nonce, "HIT");
        }
        long load = call(http, gateway, fake, "semantic", "What is the first semantic question " + nonce + "?", "SEMANTIC MISS");

        double[] miss = series(n, i -> call(http, gateway, fake, "simple", "Question " + i + " " + nonce, "MISS"));
        call(http, gateway, fake, "simple", "The repeated question " + nonce, "MISS");
        double[] hit = series(n, i -> call(http, gateway, fake, "simple", "The repeated question " + nonce, "HIT"));
        java.util.Random random = new java.util.Random(nonce);
        double[] semanticMiss = series(n, i -> {
            StringBuilder words = new StringBuilder();
            for (int w = 0; w < 8; w++) {
                words.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            return call(http, gateway, fake, "semantic", words + "" + nonce, "SEMANTIC MISS");
        });
        call(http, gateway, fake, "semantic", "What is the capital of France? " + nonce, null);
        String[] near = {"what is the capital of france " + nonce, "What's the capital of France? " + nonce,
                "WHAT IS THE CAPITAL OF FRANCE " + nonce, "What is the capital of France, please? " + nonce};
        double[] semanticHit = series(n, i -> call(http, gateway, fake, "semantic", near[i % near.length], "SEMANTIC HIT"));
        System.out.printf("first semantic request (loads the embedding model): %.0f ms%n%n", load / 1e6);
        System.out.println("| series | requests | mean ms | p50 ms | p90 ms | p99 ms |");
        System.out.println("|---|---|---|---|---|---|");
        row("simple MISS (upstream called)", miss);
        row("simple HIT", hit);
        row("SEMANTIC MISS (embed + scan + upstream)", semanticMiss);
        row("SEMANTIC HIT (embed + scan)", semanticHit);
    }

    @FunctionalInterface
    interface Timed {
        long call(int i) throws Exception;
    }

    /** Up to {@code n} timed calls in ms, stopping after 9 s. */
    private static double[] series(int n, Timed timed) throws Exception {
        List<Double> millis = new ArrayList<>();
        long until = System.nanoTime() + 9_000_000_000L;
        for (int i = 0; i < n && System.nanoTime() < until; i++) {
            millis.add(timed.call(i) / 1e6);
        }
        return millis.stream().mapToDouble(Double::doubleValue).toArray();
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
