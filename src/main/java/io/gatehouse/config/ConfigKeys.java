package io.gatehouse.config;

/** Config keys arrive in snake_case or camelCase (Portkey accepts both); the model speaks snake_case. */
final class ConfigKeys {
    private ConfigKeys() {
    }

    /** {@code requestTimeout} → {@code request_timeout}; snake_case keys are returned unchanged. */
    static String snake(String key) {
        StringBuilder out = null;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isUpperCase(c)) {
                if (out == null) {
                    out = new StringBuilder(key.length() + 4).append(key, 0, i);
                }
                out.append('_').append(Character.toLowerCase(c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? key : out.toString();
    }
}
