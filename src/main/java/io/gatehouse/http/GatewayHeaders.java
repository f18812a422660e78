package io.gatehouse.http;

/** Names of the {@code x-portkey-*} headers the gateway reads and writes, lower-case as HTTP/2 sends them. */
public final class GatewayHeaders {
    public static final String PREFIX = "x-portkey-";

    public static final String PROVIDER = "x-portkey-provider";
    public static final String CONFIG = "x-portkey-config";
    public static final String CUSTOM_HOST = "x-portkey-custom-host";
    public static final String METADATA = "x-portkey-metadata";
    public static final String TRACE_ID = "x-portkey-trace-id";
    public static final String FORWARD_HEADERS = "x-portkey-forward-headers";
    public static final String REQUEST_TIMEOUT = "x-portkey-request-timeout";
    public static final String API_KEY = "x-portkey-api-key";
    public static final String VIRTUAL_KEY = "x-portkey-virtual-key";

    /** Response headers. */
    public static final String LAST_USED_OPTION_INDEX = "x-portkey-last-used-option-index";
    public static final String RETRY_ATTEMPT_COUNT = "x-portkey-retry-attempt-count";
    public static final String GATEWAY_EXCEPTION = "x-portkey-gateway-exception";

    private GatewayHeaders() {
    }

    public static boolean isGatewayHeader(String lowerCaseName) {
        return lowerCaseName.startsWith(PREFIX);
    }
}
