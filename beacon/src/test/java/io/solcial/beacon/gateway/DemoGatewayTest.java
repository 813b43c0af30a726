package io.solcial.beacon.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of tests that read one gateway over a {@link DemoNetwork}, started once per test class. */
public abstract class DemoGatewayTest {
    protected static GatewayFixture fx;

    @BeforeAll
    static void startGateway() throws Exception {
        fx = new GatewayFixture();
    }

    @AfterAll
    static void stopGateway() {
        fx.close();
        fx = null;
    }
}
