package io.gatehouse.context;

/** One HTTP header line. Names keep the case they were given; comparisons elsewhere ignore it. */
public record Header(String name, String value) {
}
