package io.gatehouse.model;

import java.util.List;

/**
 * A chat request in the gateway's canonical form: OpenAI Chat Completions' fields, typed. Every provider
 * mapper reads this, never the client's JSON. Null means "not sent".
 *
 * @param model             model name
 * @param messages          the conversation, in order
 * @param tools             functions the model may call
 * @param toolChoice        whether/which tool it must call, or null
 * @param parallelToolCalls whether several calls may come in one turn, or null
 * @param responseFormat    the answer's required shape, or null
 * @param stop              stop sequences
 * @param maxTokens         {@code max_completion_tokens}, else {@code max_tokens}, or null
 * @param temperature       sampling temperature
 * @param topP              nucleus sampling
 * @param topK              top-k sampling (not OpenAI's, but Anthropic, Gemini and Cohere take it)
 * @param n                 number of choices
 * @param seed              sampling seed
 * @param frequencyPenalty  frequency penalty
 * @param presencePenalty   presence penalty
 * @param user              end-user id
 * @param stream            whether the answer is streamed
 * @param includeUsage      {@code stream_options.include_usage}: a final usage chunk is wanted
 */
public record ChatRequest(
        String model,
        List<Message> messages,
        List<Tool> tools,
        ToolChoice toolChoice,
        Boolean parallelToolCalls,
        ResponseFormat responseFormat,
        List<String> stop,
        Integer maxTokens,
        Double temperature,
        Double topP,
        Integer topK,
        Integer n,
        Long seed,
        Double frequencyPenalty,
        Double presencePenalty,
        String user,
        boolean stream,
        boolean includeUsage) {

    public ChatRequest {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        stop = List.copyOf(stop);
    }
}
