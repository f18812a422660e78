package io.gatehouse.model;

import java.util.List;

/**
 * A complete chat answer in canonical form.
 *
 * @param id      the provider's id, or null (the writer then generates one)
 * @param model   the model that answered, or null (the request's model is used)
 * @param choices the answers
 * @param usage   token counts, or null when the provider reported none
 */
public record ChatResponse(String id, String model, List<Choice> choices, Usage usage) {
    public ChatResponse {
        choices = List.copyOf(choices);
    }
}
