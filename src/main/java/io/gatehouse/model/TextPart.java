package io.gatehouse.model;

/** Text content. */
public record TextPart(String text) implements ContentPart {
}
