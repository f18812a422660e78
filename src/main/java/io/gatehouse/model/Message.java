package io.gatehouse.model;

import java.util.List;

/**
 * One chat message.
 *
 * @param role       who speaks
 * @param content    text and image parts, in order (empty when an assistant message only calls tools)
 * @param toolCalls  the assistant's tool calls (empty for other roles)
 * @param toolCallId the call a {@link Role#TOOL} message answers, else null
 * @param name       OpenAI's optional participant name (on a tool message: the function name), or null
 */
public record Message(Role role, List<ContentPart> content, List<ToolCall> toolCalls, String toolCallId, String name) {
    public Message {
        content = List.copyOf(content);
        toolCalls = List.copyOf(toolCalls);
    }

    /** The text parts joined, for providers that take plain text here. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (ContentPart part : content) {
            if (part instanceof TextPart t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }

    public boolean hasImages() {
        return content.stream().anyMatch(ImagePart.class::isInstance);
    }
}
