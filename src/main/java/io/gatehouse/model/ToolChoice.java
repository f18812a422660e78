package io.gatehouse.model;

/**
 * Whether and which tool the model must call.
 *
 * @param mode         auto, none, required (any tool), or one named function
 * @param functionName the function for {@link Mode#FUNCTION}, else null
 */
public record ToolChoice(Mode mode, String functionName) {
    public enum Mode { AUTO, NONE, REQUIRED, FUNCTION }

    public static ToolChoice of(Mode mode) {
        return new ToolChoice(mode, null);
    }

    public static ToolChoice function(String name) {
        return new ToolChoice(Mode.FUNCTION, name);
    }

    /** OpenAI's choices by name ({@code auto}, {@code none}, {@code required}); null for any other name. */
    public static ToolChoice named(String name) {
        return switch (name) {
            case "auto" -> of(Mode.AUTO);
            case "none" -> of(Mode.NONE);
            case "required" -> of(Mode.REQUIRED);
            default -> null;
        };
    }
}
