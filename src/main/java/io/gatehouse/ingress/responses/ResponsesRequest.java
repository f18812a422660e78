package io.gatehouse.ingress.responses;

import io.gatehouse.model.ChatRequest;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/**
 * A Responses API request read for a provider that does not speak it.
 *
 * @param chat               the canonical request: the stored conversation before this turn, the
 *                           instructions, this turn's input
 * @param inputItems         this turn's input as Responses items, each with an id (what input_items lists)
 * @param previousResponseId the response this one continues, or null
 * @param store              whether the answer is kept for retrieval and continuation
 * @param echo               the request fields a {@code response} object repeats back ({@code instructions},
 *                           {@code tools}, {@code tool_choice}, {@code text}, {@code temperature}, …)
 */
public record ResponsesRequest(ChatRequest chat, JsonArray inputItems, String previousResponseId, boolean store,
                               JsonObject echo) {
}
