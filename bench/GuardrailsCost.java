import io.gatehouse.config.HookConfig;
import io.gatehouse.egress.HostPolicy;
import io.gatehouse.guardrails.CheckInput;
import io.gatehouse.guardrails.Guardrails;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The gateway's own work for a typical input + output guardrail pair, in process, without the network: the PII
 * detector (deny) on bench/chat.lua's ~1 KB request and a regexMatch (deny) on the fake provider's answer, run as
 * the pipeline runs them. Prints the time per pair after a warm-up.
 * Run by bench/guardrails.sh: java -cp <gatehouse classes and dependencies> bench/GuardrailsCost.java [iterations]
 * [input|output|both]
 */
public class GuardrailsCost {
    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        String which = args.length > 1 ? args[1] : "both"; // input, output or both
        String content = "All work and no play makes Jack a dull boy. ".repeat(20);
        JsonObject request = json("{\"model\":\"bench\",\"temperature\":0.2,\"messages\":[{\"role\":\"system\",\"content\":"
                + "\"You are terse.\"},{\"role\":\"user\",\"content\":\"" + content + "\"}]}");
        JsonObject answer = json("{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"bench\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"Hello from the fake provider.\"},\"finish_reason\":\"stop\"}]}");
        List<HookConfig> input = List.of(new HookConfig("in", HookConfig.Type.GUARDRAIL,
                List.of(new HookConfig.Check("default.pii", json("{}"), true)), true, false, false, null, null));
        List<HookConfig> output = List.of(new HookConfig("out", HookConfig.Type.GUARDRAIL,
                List.of(new HookConfig.Check("default.regexMatch", json("{\"rule\":\"password\",\"not\":true}"), true)),
                true, false, false, null, null));
        Guardrails guardrails = Guardrails.create(HostPolicy.selfHostedDefault());
        long[] nanos = new long[iterations];
        for (int round = 0; round < 2; round++) { // the first round warms the JIT up
            for (int i = 0; i < iterations; i++) {
                long start = System.nanoTime();
                CheckInput in = CheckInput.request("chatComplete", request, "bench", Map.of(), name -> null);
                boolean denied = !which.equals("output") && guardrails.run(input, in).denied()
                        || !which.equals("input") && guardrails.run(output, in.answer(answer)).denied();
                if (denied) {
                    throw new IllegalStateException("the bench pair must pass");
                }
                nanos[i] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("COST iterations=%d p50_us=%.1f p90_us=%.1f p99_us=%.1f mean_us=%.1f%n", iterations,
                nanos[iterations / 2] / 1e3, nanos[iterations * 9 / 10] / 1e3, nanos[iterations * 99 / 100] / 1e3,
                Arrays.stream(nanos).average().orElse(0) / 1e3);
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
