package io.gatehouse.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The gateway on Payara Micro with one scriptable fake provider for the class (its record cleared before
 * each test). Test classes run one after another, each with its own provider.
 */
abstract class GatewayAgainstFakeProvider extends GatewayDeployed {
    static FakeUpstream provider;

    @BeforeAll
    static void startProvider() throws Exception {
        provider = FakeUpstream.start();
    }

    @AfterAll
    static void stopProvider() throws Exception {
        provider.close();
    }

    @BeforeEach
    void resetProvider() {
        provider.reset();
    }
}
