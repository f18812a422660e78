package io.gatehouse.it;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every integration test class shares: the gateway deployed on a real Payara Micro at the context
 * root, one scriptable fake provider for the class (its record cleared before each test), and a client
 * that talks to the gateway over loopback. Test classes run one after another, each with its own provider.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class GatewayAgainstFakeProvider {
    static FakeUpstream provider;

    @ArquillianResource
    URL deployed;

    GatewayClient gateway;

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.gatehouseAtRoot();
    }

    @BeforeAll
    static void startProvider() throws Exception {
        provider = FakeUpstream.start();
    }

    @AfterAll
    static void stopProvider() throws Exception {
        provider.close();
    }

    @BeforeEach
    void connectToGateway() {
        // Also the hook arquillian-junit5 needs to inject @ArquillianResource fields.
        provider.reset();
        gateway = new GatewayClient(deployed);
    }
}
