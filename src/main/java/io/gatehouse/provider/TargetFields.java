package io.gatehouse.provider;

/**
 * The provider-specific fields of the target a call goes to (Azure's {@code resource_name}, …), looked
 * up by snake_case name. Providers read what they need through this, never the config itself; the
 * routing engine supplies them from the target's parsed, validated config.
 */
@FunctionalInterface
public interface TargetFields {
    TargetFields NONE = snakeKey -> null;

    /** The field's string value, or null when absent. */
    String string(String snakeKey);
}
