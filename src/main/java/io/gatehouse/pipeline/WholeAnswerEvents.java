package io.gatehouse.pipeline;

import io.gatehouse.model.ChatResponse;
import io.gatehouse.model.ChatStreamSink;
import io.gatehouse.model.Choice;
import io.gatehouse.model.ToolCall;
import java.io.IOException;

/**
 * A complete canonical answer told as a stream: what a provider streaming that answer would report, in
 * order — start, each choice's text and tool calls (each whole, in one fragment), its finish, the usage,
 * the end. The client's stream writer turns it into its own events and terminator.
 */
final class WholeAnswerEvents {
    private WholeAnswerEvents() {
    }

    static void write(ChatResponse answer, ChatStreamSink out) throws IOException {
        out.start(answer.id(), answer.model());
        for (Choice choice : answer.choices()) {
            if (choice.content() != null && !choice.content().isEmpty()) {
                out.text(choice.index(), choice.content());
            }
            for (int i = 0; i < choice.toolCalls().size(); i++) {
                ToolCall call = choice.toolCalls().get(i);
                out.toolCallStart(choice.index(), i, call.id(), call.name());
                if (call.arguments() != null && !call.arguments().isEmpty()) {
                    out.toolCallArguments(choice.index(), i, call.arguments());
                }
            }
            if (choice.finishReason() != null) {
                out.finish(choice.index(), choice.finishReason());
            }
        }
        if (answer.usage() != null) {
            out.usage(answer.usage());
        }
        out.done();
    }
}
