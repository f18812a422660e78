package io.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.provider.AuthScheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the catch-all proxy sends upstream: {@link HeaderPolicy#proxyUpstreamHeaders}. */
class HeaderPolicyProxyTest {
    private static final List<Header> ANTHROPIC_DEFAULTS = List.of(new Header("anthropic-version", "2023-06-01"));

    @Test
    void forwardsEveryClientHeaderExceptGatewayHopByHopAndFraming() {
        List<Header> sent = HeaderPolicy.proxyUpstreamHeaders(client(
                "x-portkey-provider", "openai", "x-portkey-trace-id", "t", "host", "gw:8787", "expect", "100-continue",
                "content-length", "12", "transfer-encoding", "chunked", "connection", "keep-alive, x-hop",
                "x-hop", "dropped", "keep-alive", "timeout=5", "te", "trailers",
                "content-type", "multipart/form-data; boundary=b", "x-tenant", "acme", "user-agent", "sdk/1",
                "accept", "a", "accept", "b"), List.of(), List.of(), null);
        assertEquals(List.of(
                h("content-type", "multipart/form-data; boundary=b"), h("x-tenant", "acme"), h("user-agent", "sdk/1"),
                h("accept", "a"), h("accept", "b")), sent);
    }

    @Test
    void bearerCredentialsReplaceTheClientsAuthorization() {
        List<Header> sent = HeaderPolicy.proxyUpstreamHeaders(client("authorization", "Bearer sk-client", "x-a", "1"),
                AuthScheme.BEARER.headers("sk-config"), List.of(), null);
        assertEquals(List.of(h("Authorization", "Bearer sk-config"), h("x-a", "1")), sent);
    }

    @Test
    void keyTranslatedToAnotherSchemeDoesNotAlsoLeaveAsAuthorization() {
        List<Header> sent = HeaderPolicy.proxyUpstreamHeaders(client("authorization", "Bearer sk-ant"),
                AuthScheme.X_API_KEY.headers("sk-ant"), ANTHROPIC_DEFAULTS, null);
        assertEquals(List.of(h("x-api-key", "sk-ant"), h("anthropic-version", "2023-06-01")), sent);
    }

    @Test
    void clientsOwnApiVersionWinsOverTheDefault() {
        List<Header> sent = HeaderPolicy.proxyUpstreamHeaders(
                client("x-api-key", "sk-ant-sdk", "anthropic-version", "2024-10-22", "anthropic-beta", "tools-1"),
                List.of(), ANTHROPIC_DEFAULTS, null);
        assertEquals(List.of(h("x-api-key", "sk-ant-sdk"), h("anthropic-version", "2024-10-22"),
                h("anthropic-beta", "tools-1")), sent, "the Anthropic SDK's own headers pass as sent");
    }

    @Test
    void forwardHeadersKeepTheClientsValueOverCredentials() {
        List<Header> sent = HeaderPolicy.proxyUpstreamHeaders(client("authorization", "Bearer user-token"),
                AuthScheme.BEARER.headers("sk-config"), List.of(), List.of("authorization", "x-absent"));
        assertEquals(List.of(h("authorization", "Bearer user-token")), sent);
    }

    @Test
    void noKeyMeansTheClientsAuthorizationPassesAsSent() {
        List<Header> sent = HeaderPolicy.proxyUpstreamHeaders(client("authorization", "Basic dXNlcjpwdw=="),
                List.of(), List.of(), null);
        assertEquals(List.of(h("authorization", "Basic dXNlcjpwdw==")), sent);
    }

    @Test
    void deepgramTokenIsNotPrefixedTwice() {
        assertEquals(List.of(h("Authorization", "Token dg-1")), AuthScheme.TOKEN.headers("dg-1"));
        assertEquals(List.of(h("Authorization", "Token dg-1")), AuthScheme.TOKEN.headers("Token dg-1"));
    }

    private static Header h(String name, String value) {
        return new Header(name, value);
    }

    private static RequestHeaders client(String... nameValues) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.computeIfAbsent(nameValues[i], k -> new ArrayList<>()).add(nameValues[i + 1]);
        }
        return RequestHeaders.of(map);
    }
}
