package io.gatehouse.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the gateway learnt about one request, filled in by the request path as it goes and handed to the
 * {@link RequestListener}s once the request is over. Written by one thread at a time (the call's thread,
 * then the one writing the answer); never holds a key, a secret or a body.
 */
public final class RequestRecord {
    /** The usage of an answer, known once its body has been written. */
    public record Tokens(long input, long output) {
    }

    private final String route;
    private final String operation;
    private final String traceId;
    private final TraceParent parent;
    private final long startEpochNanos;
    private final long startNanos;
    private final List<AttemptRecord> attempts = new ArrayList<>(1);
    private String provider;
    private String requestModel;
    private String responseModel;
    private Supplier<Tokens> tokens = () -> null;
    private Supplier<String> responseModelSource = () -> null;
    private int status;
    private String errorType;
    private String limitRefused;
    private String cacheStatus;
    private String hooksOutcome;
    private boolean stream;
    private long firstByteNanos;
    private long endNanos;

    /**
     * @param route     the route family, a bounded name ({@code chat.completions}, {@code proxy})
     * @param operation the GenAI operation ({@code chat}, {@code text_completion}, {@code embeddings}, ...)
     * @param traceId   the request's {@code x-portkey-trace-id}
     * @param parent    the client's {@code traceparent}, or null
     */
    public RequestRecord(String route, String operation, String traceId, TraceParent parent, long startEpochNanos,
                         long startNanos) {
        this.route = route;
        this.operation = operation;
        this.traceId = traceId;
        this.parent = parent;
        this.startEpochNanos = startEpochNanos;
        this.startNanos = startNanos;
    }

    /** The target that answered, once routing is over; {@code model} may be null. */
    public void routedTo(String provider, String model) {
        this.provider = provider;
        if (model != null) {
            this.requestModel = model;
        }
    }

    /** The model the client asked for, before routing (a target may replace it). */
    public void asked(String model) {
        if (requestModel == null) {
            this.requestModel = model;
        }
    }

    /** An attempt is being sent; say how it ended with {@link Attempt#answered} or {@link Attempt#failed}. */
    public Attempt attempt(String provider, String model, String optionPath, String serverAddress) {
        return new Attempt(provider, model, optionPath, serverAddress, EpochNanos.now(), System.nanoTime());
    }

    /** An attempt in flight. */
    public final class Attempt {
        private final String provider;
        private final String model;
        private final String optionPath;
        private final String serverAddress;
        private final long startEpochNanos;
        private final long startNanos;

        private Attempt(String provider, String model, String optionPath, String serverAddress, long startEpochNanos,
                        long startNanos) {
            this.provider = provider;
            this.model = model;
            this.optionPath = optionPath;
            this.serverAddress = serverAddress;
            this.startEpochNanos = startEpochNanos;
            this.startNanos = startNanos;
        }

        /** The upstream answered (its headers arrived) with {@code status}. */
        public void answered(int status) {
            attempted(new AttemptRecord(provider, model, optionPath, serverAddress, startEpochNanos,
                    System.nanoTime() - startNanos, status, null));
        }

        /** No answer came: {@code errorType} says why. */
        public void failed(String errorType) {
            attempted(new AttemptRecord(provider, model, optionPath, serverAddress, startEpochNanos,
                    System.nanoTime() - startNanos, 0, errorType));
        }
    }

    void attempted(AttemptRecord attempt) {
        attempts.add(attempt);
        if (provider == null || !attempt.provider().equals(provider)) {
            provider = attempt.provider();
        }
        if (attempt.model() != null) {
            requestModel = attempt.model();
        }
    }

    /** How the answer began: its status and whether it is an event stream; {@code cacheStatus} may be null. */
    public void answered(int status, boolean stream, String cacheStatus) {
        this.status = status;
        this.stream = stream;
        this.cacheStatus = cacheStatus;
    }

    /** What the request's hooks decided ({@code pass}, {@code fail}, {@code deny}, {@code incremental}), when any ran. */
    public void hooks(String outcome) {
        this.hooksOutcome = outcome;
    }

    public String hooksOutcome() {
        return hooksOutcome;
    }

    /** Why the gateway answered with an error (its code), or why the answer failed while it was written. */
    public void failed(String errorType) {
        this.errorType = errorType;
    }

    /** The request was refused because a key or entry was over a limit ({@code code} says which). */
    public void refusedByLimit(String code) {
        this.limitRefused = code;
    }

    /** Where the answer's usage and answering model will be, once its body is written. */
    public void usageFrom(Supplier<Tokens> tokens, Supplier<String> responseModel) {
        this.tokens = tokens;
        this.responseModelSource = responseModel;
    }

    public void firstByteWritten(long nanos) {
        if (firstByteNanos == 0) {
            firstByteNanos = nanos;
        }
    }

    public void ended(long nanos) {
        endNanos = nanos;
        responseModel = responseModelSource.get();
    }

    public String route() {
        return route;
    }

    public String operation() {
        return operation;
    }

    public String traceId() {
        return traceId;
    }

    public TraceParent parent() {
        return parent;
    }

    public long startEpochNanos() {
        return startEpochNanos;
    }

    public List<AttemptRecord> attempts() {
        return attempts;
    }

    /** The provider that answered (else the last one tried), or null when routing never began. */
    public String provider() {
        return provider;
    }

    public String requestModel() {
        return requestModel;
    }

    public String responseModel() {
        return responseModel;
    }

    /** The answer's usage, or null when it reported none. */
    public Tokens tokens() {
        return tokens.get();
    }

    public int status() {
        return status;
    }

    public String errorType() {
        return errorType;
    }

    public String limitRefused() {
        return limitRefused;
    }

    public String cacheStatus() {
        return cacheStatus;
    }

    public boolean stream() {
        return stream;
    }

    /** Nanoseconds from the request's start to the end of its answer. */
    public long durationNanos() {
        return endNanos - startNanos;
    }

    /** Nanoseconds from the request's start to its answer's first body byte, or -1 when none was written. */
    public long timeToFirstByteNanos() {
        return firstByteNanos == 0 ? -1 : firstByteNanos - startNanos;
    }

    /** Attempts that went to the same target as the one before. */
    public int retries() {
        int retries = 0;
        for (int i = 1; i < attempts.size(); i++) {
            if (attempts.get(i).optionPath().equals(attempts.get(i - 1).optionPath())) {
                retries++;
            }
        }
        return retries;
    }

    /** Attempts that moved on to another target than the one before. */
    public int fallbacks() {
        return attempts.size() - (attempts.isEmpty() ? 0 : 1) - retries();
    }
}
