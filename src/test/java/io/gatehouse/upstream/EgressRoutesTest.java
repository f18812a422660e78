package io.gatehouse.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Properties;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EgressRoutesTest {
    /** The JVM's own selector class, whatever the JVM's current properties say. */
    private static final ProxySelector JVM_SELECTOR = ProxySelector.getDefault();

    @ParameterizedTest(name = "{0}={1} -> asks the proxy selector: {2}")
    @CsvSource({
            "'',                      '',           false",
            "https.proxyHost,         proxy.corp,   true",
            "http.proxyHost,          proxy.corp,   true",
            "socksProxyHost,          socks.corp,   true",
            "java.net.useSystemProxies, true,       true",
            "java.net.useSystemProxies, false,      false",
            "https.proxyHost,         '   ',        false",
            "http.nonProxyHosts,      '*.corp',     false",
    })
    void theJvmSelectorIsAskedOnlyWhenAPropertyCouldMakeItPickAProxy(String name, String value, boolean asks) {
        Properties system = new Properties();
        if (!name.isEmpty()) {
            system.setProperty(name, value);
        }
        assertEquals(asks, EgressRoutes.usesProxySelector(system, JVM_SELECTOR));
        Class<?> expected = asks ? SystemDefaultRoutePlanner.class : DefaultRoutePlanner.class;
        assertEquals(expected, EgressRoutes.planner(system, JVM_SELECTOR).getClass());
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void aSelectorInstalledByTheServerIsAlwaysAsked(boolean withProperties) {
        ProxySelector installed = new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            }
        };
        Properties system = new Properties();
        if (withProperties) {
            system.setProperty("https.proxyHost", "proxy.corp");
        }
        assertInstanceOf(SystemDefaultRoutePlanner.class, EgressRoutes.planner(system, installed));
    }
}
