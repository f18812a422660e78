package io.gatehouse.it;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway deployed on a real Payara Micro at the context root, and a client that talks to it over
 * loopback. Test classes add the fake providers they need.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class GatewayDeployed {
    @ArquillianResource
    URL deployed;

    GatewayClient gateway;

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.gatehouseAtRoot();
    }

    @BeforeEach
    void connectToGateway() {
        // Also the hook arquillian-junit5 needs to inject @ArquillianResource fields.
        gateway = new GatewayClient(deployed);
    }
}
