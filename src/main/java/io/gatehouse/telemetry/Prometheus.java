package io.gatehouse.telemetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * A small registry of counters, gauges and histograms, written in the Prometheus text exposition format
 * (version 0.0.4). Each series is found by its label values; updates are lock-free adders.
 */
final class Prometheus {
    private final Map<String, Family> families = new java.util.LinkedHashMap<>();

    /** A counter family; its name should end in {@code _total}. */
    synchronized Family counter(String name, String help, String... labels) {
        return add(new Family(name, help, "counter", labels, null));
    }

    synchronized Family gauge(String name, String help, String... labels) {
        return add(new Family(name, help, "gauge", labels, null));
    }

    /** A metric without labels whose value is read when scraped; {@code type} is {@code gauge} or {@code counter}. */
    synchronized void callback(String name, String help, String type, DoubleSupplier value) {
        add(new Family(name, help, type, new String[0], null)).read = value;
    }

    /** @param bounds the buckets' upper bounds, ascending ({@code +Inf} is added) */
    synchronized Family histogram(String name, String help, double[] bounds, String... labels) {
        return add(new Family(name, help, "histogram", labels, bounds.clone()));
    }

    private Family add(Family family) {
        if (families.putIfAbsent(family.name, family) != null) {
            throw new IllegalArgumentException("metric registered twice: " + family.name);
        }
        return family;
    }

    /** Every family with its series, in registration order. */
    String scrape() {
        StringBuilder out = new StringBuilder(4096);
        List<Family> all;
        synchronized (this) {
            all = new ArrayList<>(families.values());
        }
        for (Family family : all) {
            family.writeTo(out);
        }
        return out.toString();
    }

    /** One metric name and its series, one per combination of label values. */
    static final class Family {
        private final String name;
        private final String help;
        private final String type;
        private final String[] labels;
        private final double[] bounds;
        private final Map<List<String>, Series> series = new ConcurrentHashMap<>();
        private DoubleSupplier read;

        private Family(String name, String help, String type, String[] labels, double[] bounds) {
            this.name = name;
            this.help = help;
            this.type = type;
            this.labels = labels;
            this.bounds = bounds;
        }

        /** The series with these label values (in the family's label order), created on first use. */
        Series with(String... values) {
            if (values.length != labels.length) {
                throw new IllegalArgumentException(name + " takes labels " + Arrays.toString(labels));
            }
            List<String> key = List.of(values);
            Series found = series.get(key); // lock-free on the usual path; computeIfAbsent may lock the bin
            return found != null ? found : series.computeIfAbsent(key, v -> new Series(bounds));
        }

        private void writeTo(StringBuilder out) {
            out.append("# HELP ").append(name).append(' ').append(help).append('\n');
            out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
            if (read != null) {
                sample(out, name, "", null, read.getAsDouble());
                return;
            }
            for (Map.Entry<List<String>, Series> e : series.entrySet()) {
                String labelText = labelText(e.getKey());
                Series s = e.getValue();
                if (bounds == null) {
                    sample(out, name, labelText, null, s.value());
                    continue;
                }
                long cumulative = 0;
                for (int i = 0; i < bounds.length; i++) {
                    cumulative += s.buckets[i].sum();
                    sample(out, name + "_bucket", labelText, number(bounds[i]), cumulative);
                }
                long count = s.count();
                sample(out, name + "_bucket", labelText, "+Inf", count);
                sample(out, name + "_sum", labelText, null, s.sum.sum());
                sample(out, name + "_count", labelText, null, count);
            }
        }

        private String labelText(List<String> values) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < labels.length; i++) {
                s.append(i == 0 ? "" : ",").append(labels[i]).append("=\"").append(escape(values.get(i))).append('"');
            }
            return s.toString();
        }

        private static void sample(StringBuilder out, String name, String labels, String le, double value) {
            out.append(name);
            if (!labels.isEmpty() || le != null) {
                out.append('{').append(labels);
                if (le != null) {
                    out.append(labels.isEmpty() ? "" : ",").append("le=\"").append(le).append('"');
                }
                out.append('}');
            }
            out.append(' ').append(number(value)).append('\n');
        }
    }

    /** A counter's or gauge's value, or a histogram's buckets, sum and count. */
    static final class Series {
        private final DoubleAdder sum = new DoubleAdder();
        private final LongAdder[] buckets;
        private final AtomicLong gauge = new AtomicLong();
        private final double[] bounds;

        private Series(double[] bounds) {
            buckets = new LongAdder[bounds == null ? 0 : bounds.length + 1];
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
            this.bounds = bounds;
        }

        void inc() {
            add(1);
        }

        void add(double amount) {
            sum.add(amount);
        }

        /** A gauge goes up and down. */
        void move(long delta) {
            gauge.addAndGet(delta);
        }

        void observe(double value) {
            int i = 0;
            while (i < bounds.length && value > bounds[i]) {
                i++;
            }
            buckets[i].increment();
            sum.add(value);
        }

        long count() {
            long count = 0;
            for (LongAdder bucket : buckets) {
                count += bucket.sum();
            }
            return count;
        }

        double value() {
            return sum.sum() + gauge.get();
        }
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String number(double value) {
        if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
