package io.gatehouse.model;

/**
 * A function call the assistant made.
 *
 * @param id        the call id tool results refer to
 * @param name      the function name
 * @param arguments the arguments as a JSON text, as OpenAI carries them
 */
public record ToolCall(String id, String name, String arguments) {
}
