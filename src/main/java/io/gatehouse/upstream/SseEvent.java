package io.gatehouse.upstream;

import java.nio.charset.StandardCharsets;

/**
 * One Server-Sent Event as {@link SseFramer} cut it, read: its {@code event:} name and its {@code data:}
 * lines joined by {@code \n}. {@code id:}, {@code retry:} and comment lines are ignored.
 *
 * @param event the event name, or null when none was sent
 * @param data  the data, or an empty string
 */
public record SseEvent(String event, String data) {

    /** Reads one complete raw event (the framer's output: whole lines, so UTF-8 is never cut). */
    public static SseEvent parse(byte[] buffer, int offset, int length) {
        String text = new String(buffer, offset, length, StandardCharsets.UTF_8);
        String event = null;
        StringBuilder data = null;
        int i = 0;
        while (i < text.length()) {
            int end = i;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            String line = text.substring(i, end);
            if (line.startsWith("data:")) {
                data = data == null ? new StringBuilder() : data.append('\n');
                data.append(value(line, 5));
            } else if (line.startsWith("event:")) {
                event = value(line, 6);
            }
            i = end + 1;
        }
        return new SseEvent(event, data == null ? "" : data.toString());
    }

    private static String value(String line, int from) {
        return line.startsWith(" ", from) ? line.substring(from + 1) : line.substring(from);
    }
}
