package io.gatehouse.model;

import java.util.List;

/**
 * One answer of a chat response.
 *
 * @param index        its position
 * @param content      the text, or null when there is none (tool calls only, or filtered)
 * @param toolCalls    the function calls it makes
 * @param finishReason why it ended
 */
public record Choice(int index, String content, List<ToolCall> toolCalls, FinishReason finishReason) {
    public Choice {
        toolCalls = List.copyOf(toolCalls);
    }
}
