package io.gatehouse.access;

import java.util.List;

/** {@code server-config/} files that cannot be used, with every problem found, each naming its file and path. */
public final class InvalidServerConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public InvalidServerConfigException(List<String> problems) {
        super("Invalid server-config: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
