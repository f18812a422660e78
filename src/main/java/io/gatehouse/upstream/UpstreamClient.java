package io.gatehouse.upstream;

import io.gatehouse.config.GatewaySettings;
import io.gatehouse.http.Header;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.net.ProxySelector;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.apache5.connector.Apache5ClientProperties;
import org.glassfish.jersey.apache5.connector.Apache5ConnectorProvider;
import org.glassfish.jersey.apache5.connector.Apache5HttpClientBuilderConfigurator;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.RequestEntityProcessing;

/**
 * The one HTTP client every upstream call goes through: Jersey on Apache HttpClient 5, pooled
 * keep-alive connections, no cookies, redirects never followed (one could lead past the host policy), no
 * automatic retries or decompression (routing retries; bodies pass through as sent), the JVM's proxy
 * settings ({@code -Dhttps.proxyHost}, {@code -Dhttp.nonProxyHosts}) for egress proxies.
 */
public final class UpstreamClient implements SendUpstream, AutoCloseable {
    /**
     * The proxy sends DELETE (and GET) bodies on purpose; Jersey would log a warning for each one. This
     * logger only ever reports that (method/entity compliance); held here so its level is kept.
     */
    private static final Logger JERSEY_METHOD_COMPLIANCE = Logger.getLogger("org.glassfish.jersey.client.JerseyInvocation");

    /**
     * Only ever warns that headers changed after a request was sent; checking for it walks and copies every
     * header of every upstream call (~2 % of the gateway's CPU), and only when this logger would print.
     */
    private static final Logger JERSEY_HEADER_CHANGES = Logger.getLogger("org.glassfish.jersey.message.internal.HeaderUtils");

    static {
        JERSEY_METHOD_COMPLIANCE.setLevel(Level.SEVERE);
        JERSEY_HEADER_CHANGES.setLevel(Level.SEVERE);
    }

    private final Client client;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    public UpstreamClient(GatewaySettings settings) {
        this.connectTimeout = settings.connectTimeout();
        this.readTimeout = settings.readTimeout();
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new PolicyDnsResolver(settings.hostPolicy()))
                .setMaxConnTotal(settings.maxConnections())
                .setMaxConnPerRoute(settings.maxConnectionsPerHost())
                .setDefaultSocketConfig(SocketConfig.custom()
                        .setTcpNoDelay(true)
                        .setSoTimeout(Timeout.of(readTimeout))
                        .build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(readTimeout))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .build();
        ClientConfig config = new ClientConfig()
                .connectorProvider(new Apache5ConnectorProvider())
                .property(Apache5ClientProperties.CONNECTION_MANAGER, pool)
                .property(Apache5ClientProperties.DISABLE_COOKIES, true)
                .property(Apache5ClientProperties.CONNECTION_CLOSING_STRATEGY, new AbortSwitch.ClosingStrategy())
                // Payara auto-registers its telemetry filters on every Jersey client; per upstream call they cost
                // service lookups and lock contention, and the gateway times its calls itself (Server-Timing).
                .property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE_CLIENT, true)
                .property(CommonProperties.METAINF_SERVICES_LOOKUP_DISABLE_CLIENT, true)
                .property(ClientProperties.FOLLOW_REDIRECTS, false)
                .property(ClientProperties.CONNECT_TIMEOUT, (int) connectTimeout.toMillis())
                .property(ClientProperties.READ_TIMEOUT, (int) readTimeout.toMillis())
                .property(ClientProperties.REQUEST_ENTITY_PROCESSING, RequestEntityProcessing.CHUNKED)
                .register((Apache5HttpClientBuilderConfigurator) builder -> builder
                        .addRequestInterceptorLast(new ExactBodyHeaders())
                        .disableAutomaticRetries()
                        .disableContentCompression()
                        // Cookies, auth caching and connection state are never used upstream: dropping their
                        // interceptors shortens the exec chain every call walks.
                        .disableCookieManagement()
                        .disableAuthCaching()
                        .disableConnectionState()
                        // After a burst of thousands of calls, as many idle connections would keep their buffers
                        // (~27 KiB of heap each) and sockets for good: close those idle for 30 s.
                        .evictIdleConnections(TimeValue.ofSeconds(30))
                        .setRoutePlanner(EgressRoutes.planner(System.getProperties(), ProxySelector.getDefault())));
        this.client = ClientBuilder.newClient(ContainerInstrumentation.leaveInert(config));
    }

    /**
     * Sends the request and returns once the upstream's status and headers have arrived.
     *
     * @throws io.gatehouse.error.GatewayException when no answer came (refused, reset, timed out)
     */
    @Override
    public UpstreamResponse send(UpstreamRequest request) {
        AbortSwitch abortSwitch = new AbortSwitch();
        Invocation.Builder builder = client.target(request.uri()).request()
                .property(AbortSwitch.PROPERTY, abortSwitch);
        if (request.requestTimeout() != null) {
            int millis = (int) Math.min(Integer.MAX_VALUE, request.requestTimeout().toMillis());
            builder.property(ClientProperties.READ_TIMEOUT, millis)
                    .property(ClientProperties.CONNECT_TIMEOUT, (int) Math.min(millis, connectTimeout.toMillis()));
        }
        String contentType = null;
        for (Header h : request.headers()) {
            if (h.name().equalsIgnoreCase("content-type")) {
                contentType = h.value();
            } else {
                builder.header(h.name(), h.value());
            }
        }
        try {
            Response response = request.body() == null
                    ? builder.method(request.method())
                    : builder.method(request.method(), entity(request.body(), contentType, builder));
            return new UpstreamResponse(response, abortSwitch);
        } catch (ProcessingException e) {
            throw UpstreamFailures.classify(e, request.uri(), request.requestTimeout());
        }
    }

    /**
     * Every body streams as it is written, never buffered whole: with its Content-Length when known
     * (providers expect it for JSON), chunked otherwise, and with the Content-Type exactly as given
     * ({@link ExactBodyHeaders}). The proxy may send a body with DELETE (or GET), which Jersey would refuse.
     */
    private static Entity<StreamingOutput> entity(RequestBody body, String contentType, Invocation.Builder builder) {
        builder.property(ExactBodyHeaders.PROPERTY, new ExactBodyHeaders.Body(body.length(), contentType))
                .property(ClientProperties.SUPPRESS_HTTP_COMPLIANCE_VALIDATION, true);
        StreamingOutput output = body::writeTo;
        // Only selects Jersey's writer; the Content-Type on the wire is the one above.
        return Entity.entity(output, MediaType.APPLICATION_OCTET_STREAM_TYPE);
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public void close() {
        client.close();
    }
}
