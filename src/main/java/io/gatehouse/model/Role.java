package io.gatehouse.model;

/** Who speaks a chat message. OpenAI's {@code developer} role is read as {@link #SYSTEM}. */
public enum Role {
    SYSTEM, USER, ASSISTANT, TOOL
}
