package io.gatehouse.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseEventTest {

    private static SseEvent parse(String raw) {
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        return SseEvent.parse(bytes, 0, bytes.length);
    }

    @Test
    void readsEventNameAndData() {
        assertEquals(new SseEvent("message_stop", "{\"type\": \"message_stop\"}"),
                parse("event: message_stop\ndata: {\"type\": \"message_stop\"}\n\n"));
    }

    @Test
    void joinsDataLinesAndIgnoresCommentsIdsAndRetries() {
        assertEquals(new SseEvent(null, "a\nb"), parse(": keep-alive\nid: 7\nretry: 100\ndata: a\ndata:b\n\n"));
    }

    @Test
    void crlfAndNoSpaceAfterTheColon() {
        assertEquals(new SseEvent("x", "{\"k\":1}"), parse("event:x\r\ndata:{\"k\":1}\r\n\r\n"));
    }

    @Test
    void anEventWithoutDataHasEmptyData() {
        assertEquals(new SseEvent("ping", ""), parse("event: ping\n\n"));
    }
}
