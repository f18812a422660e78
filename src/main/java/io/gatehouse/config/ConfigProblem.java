package io.gatehouse.config;

/**
 * One thing wrong with a config, where it is: {@code path} is the JSON path in snake_case
 * ({@code targets[0].weight}, {@code retry.attempts}), as Portkey reports it.
 */
public record ConfigProblem(String path, String message) implements Comparable<ConfigProblem> {

    /** Portkey's wire form: {@code path: targets[0].weight, message: must be greater than or equal to 0}. */
    @Override
    public String toString() {
        return "path: " + path + ", message: " + message;
    }

    @Override
    public int compareTo(ConfigProblem other) {
        int byPath = path.compareTo(other.path);
        return byPath != 0 ? byPath : message.compareTo(other.message);
    }
}
