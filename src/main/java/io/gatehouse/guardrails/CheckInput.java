package io.gatehouse.guardrails;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What one check looks at (Portkey's hook span): the side it checks — the request before it is sent, or
 * the answer — and what is known about the request.
 *
 * @param event       before the request or after the answer
 * @param requestType Portkey's name for the route: {@code chatComplete}, {@code complete}, {@code embed},
 *                    {@code messages}, {@code createModelResponse}, {@code proxy}
 * @param json        the side checked, as JSON (the answer as the provider wrote it); empty when it is not JSON
 * @param text        its text as Portkey's {@code getText} sees it (the last message, the answer's content)
 * @param texts       every text of that side (all messages), for checks that must miss none (PII)
 * @param request     the client's request JSON
 * @param model       the model asked for, or null
 * @param metadata    {@code x-portkey-metadata} with the gateway key's defaults
 * @param header      the client's request headers by name (null when absent)
 */
public record CheckInput(Event event, String requestType, JsonObject json, String text, List<String> texts,
                         JsonObject request, String model, Map<String, String> metadata, Function<String, String> header) {

    public CheckInput {
        texts = List.copyOf(texts);
        metadata = Map.copyOf(metadata);
    }

    /** What before-request hooks see of a client's request. */
    public static CheckInput request(String requestType, JsonObject request, String model, Map<String, String> metadata,
                                     Function<String, String> header) {
        return new CheckInput(Event.BEFORE_REQUEST, requestType, request, TextSlots.requestText(request),
                TextSlots.requestTexts(request), request, model, metadata, header);
    }

    /** What after-request hooks see: this request's answer ({@link StreamText#asAnswer()} for a stream). */
    public CheckInput answer(JsonObject answer) {
        return new CheckInput(Event.AFTER_REQUEST, requestType, answer, TextSlots.answerText(answer),
                TextSlots.answerTexts(answer), request, model, metadata, header);
    }

    /** The same request with the side checked replaced (after a mutator rewrote it). */
    CheckInput withJson(JsonObject rewritten) {
        boolean before = event == Event.BEFORE_REQUEST;
        return new CheckInput(event, requestType, rewritten,
                before ? TextSlots.requestText(rewritten) : TextSlots.answerText(rewritten),
                before ? TextSlots.requestTexts(rewritten) : TextSlots.answerTexts(rewritten),
                before ? rewritten : request, model, metadata, header);
    }
}
