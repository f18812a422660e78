import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Streaming probe: `java StreamProbe.java URL N [header=value ...]` sends N sequential streamed chat
 * requests and prints "ttfb_p50 ttfb_p90 total_p50 total_p90" in milliseconds: time to the first
 * `data:` event, and to the end of the stream.
 */
public final class StreamProbe {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        int n = Integer.parseInt(args[1]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String body = "{\"model\":\"bench\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story\"}]}";
        List<Double> ttfb = new ArrayList<>();
        List<Double> total = new ArrayList<>();
        for (int i = 0; i < n + 20; i++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json");
            for (int a = 2; a < args.length; a++) {
                int eq = args[a].indexOf('=');
                b.header(args[a].substring(0, eq), args[a].substring(eq + 1));
            }
            long t0 = System.nanoTime();
            HttpResponse<java.io.InputStream> res = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            long first = 0;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (first == 0 && line.startsWith("data:")) {
                        first = System.nanoTime();
                    }
                }
            }
            long end = System.nanoTime();
            if (res.statusCode() != 200 || first == 0) {
                throw new IllegalStateException("stream failed: " + res.statusCode());
            }
            if (i >= 20) { // the first 20 warm up connections and JIT
                ttfb.add((first - t0) / 1e6);
                total.add((end - t0) / 1e6);
            }
        }
        System.out.printf(java.util.Locale.ROOT, "%.3f %.3f %.3f %.3f%n", pct(ttfb, 50), pct(ttfb, 90), pct(total, 50), pct(total, 90));
    }

    static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
