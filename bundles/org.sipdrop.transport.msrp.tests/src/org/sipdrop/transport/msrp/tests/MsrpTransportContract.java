package org.sipdrop.transport.msrp.tests;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.testkit.TransportContract;

/**
 * The transport kit's contract for the MSRP provider as Felix SCR runs it, configured through
 * Configuration Admin for msrp and msrps on loopback; stopping it means disabling its DS component.
 * One subclass per scheme: {@link MsrpContractTest}, {@link MsrpsContractTest}.
 */
abstract class MsrpTransportContract extends TransportContract {

    private final MsrpProviderFixture fixture = new MsrpProviderFixture();
    private TransportProvider provider;

    @BeforeEach
    final void configure() throws Exception {
        fixture.open();
        provider = fixture.configureForContract();
    }

    @AfterEach
    final void unconfigure() throws Exception {
        try {
            fixture.enableAgain();
            fixture.deleteConfiguration();
        } finally {
            fixture.close();
        }
    }

    @Override
    protected final TransportProvider provider() {
        return provider;
    }

    @Override
    protected final void stopProvider() throws Exception {
        fixture.disable();
    }

    @Override
    protected final void restartProvider() throws Exception {
        fixture.enableAgain();
    }
}
