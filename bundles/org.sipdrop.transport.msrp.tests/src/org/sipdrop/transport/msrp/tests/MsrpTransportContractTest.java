package org.sipdrop.transport.msrp.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.TransportProvider;

/**
 * The transport contract for the MSRP provider as Felix SCR runs it: the sender connects
 * ({@code a=setup:active}, RFC 6135), the receiver waits; stopping means disabling the DS component.
 */
class MsrpTransportContractTest extends AbstractTransportContractTest {

    private final MsrpProviderFixture fixture = new MsrpProviderFixture();

    @BeforeEach
    void enable() throws Exception {
        fixture.open();
    }

    @AfterEach
    void reenable() throws Exception {
        fixture.enableAgain();
        fixture.close();
    }

    @Override
    protected TransportProvider provider() throws Exception {
        TransportProvider p = fixture.provider();
        assertNotNull(p, "Felix SCR did not register the MSRP TransportProvider");
        assertTrue(p.schemes().contains(scheme()));
        return p;
    }

    @Override
    protected String scheme() {
        return "msrp";
    }

    @Override
    protected Map<String, String> parameters(Direction direction) {
        return Map.of("setup", direction == Direction.OUTGOING ? "active" : "passive");
    }

    @Override
    protected void stopProvider() throws Exception {
        fixture.disable();
    }
}
