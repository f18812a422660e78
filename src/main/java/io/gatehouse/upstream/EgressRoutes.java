package io.gatehouse.upstream;

import java.net.ProxySelector;
import java.util.List;
import java.util.Properties;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;

/**
 * How upstream connections leave the machine: through the JVM's proxy settings when any are set, straight
 * out otherwise. Asking the JVM's proxy selector costs a system-property walk per call, so it is asked
 * only when a proxy could be configured.
 */
final class EgressRoutes {
    /** The JVM properties that make its default proxy selector answer anything but "direct" for http(s). */
    private static final List<String> PROXY_PROPERTIES = List.of("http.proxyHost", "https.proxyHost", "socksProxyHost");

    private EgressRoutes() {
    }

    static HttpRoutePlanner planner(Properties system, ProxySelector selector) {
        return usesProxySelector(system, selector)
                ? new SystemDefaultRoutePlanner(selector)
                : new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE);
    }

    /** True unless the selector is the JVM's own and no property could make it pick a proxy. */
    static boolean usesProxySelector(Properties system, ProxySelector selector) {
        if (selector == null) {
            return false;
        }
        if (!selector.getClass().getName().equals("sun.net.spi.DefaultProxySelector")) {
            return true; // installed by the application server or an agent: always ask it
        }
        if (Boolean.parseBoolean(system.getProperty("java.net.useSystemProxies"))) {
            return true;
        }
        for (String name : PROXY_PROPERTIES) {
            String value = system.getProperty(name);
            if (value != null && !value.isBlank()) {
                return true;
            }
        }
        return false;
    }
}
