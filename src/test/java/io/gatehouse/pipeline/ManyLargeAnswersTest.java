package io.gatehouse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many concurrent multi-MiB translated answers under a 256 MiB heap: without the heap-sized limits and the
 * shared budget forty answers read whole run the gateway out of memory.
 */
class ManyLargeAnswersTest {
    static final int CALLS = 40;
    static final int TEXT_MIB = 2;

    @Test
    void fortyConcurrentTwoMibAnswersUnderA256MibHeapAllArriveWithoutAnOutOfMemoryError() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), ManyLargeAnswers.class.getName(),
                String.valueOf(CALLS), String.valueOf(TEXT_MIB)))
                .redirectErrorStream(true).start();
        String output;
        try {
            boolean ended = child.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                child.destroyForcibly();
            }
            output = read(child);
            assertTrue(ended, () -> "still running after 60 s:\n" + output);
        } finally {
            child.destroyForcibly();
        }
        assertEquals(0, child.exitValue(), () -> "exit 3 is an OutOfMemoryError, 2 a budget not given back:\n" + output);
    }

    private static String read(Process child) throws IOException {
        String all = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
    }
}
